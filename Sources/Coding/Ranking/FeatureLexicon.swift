/// How the engine recognises the cross-cutting facts of docs/knowledge-base.md (approach,
/// manipulation, anesthesia, debridement, fixation, …). Entries do not repeat these phrases:
/// this is general surgical language, the same for every code.
enum FeatureLexicon {
    struct Definition: Sendable {
        var feature: String
        var phrases: [String]
        /// Phrases that look like the feature but are not it ("open fracture" is not an open approach).
        var blockers: [String] = []
    }

    /// An open (compound) fracture with its side said between "open" and the bone ("open R tibia
    /// fracture", "open left distal tibia fracture"): a fracture's type, not an open approach.
    static let sidedOpenFractures: [String] = {
        var phrases: [String] = []
        for side in ["right", "left", "bilateral"] {
            for bone in ["tibia*", "tibial", "tib", "femur", "femoral", "fibula*", "fibular", "ankle fracture*", "distal tibia*", "proximal tibia*",
                         "distal femur", "distal femoral", "pilon", "bimalleolar", "trimalleolar", "patella fracture*", "patellar fracture*"] {
                phrases.append("open " + side + " " + bone)
            }
        }
        return phrases
    }()

    /// Every immobiliser said changed, in either order ("spica change", "changed the spica",
    /// "plaster renewed", "backslab replaced").
    static let castChangeVariants: [String] = {
        var phrases: [String] = []
        for device in ["spica", "plaster", "backslab", "back slab", "hip spica", "long leg cast", "cylinder cast"] {
            for verb in ["change", "changed", "reapplied", "replaced", "renewed", "exchanged", "wedged", "revised"] {
                phrases.append(device + " " + verb)
                if verb != "change" { phrases.append(verb + " " + device) }
            }
            phrases.append("change " + device)
            phrases.append("new " + device)
            // "took off the old long leg cast and put on a fresh one"
            phrases.append("fresh " + device)
            phrases.append("old " + device)
            phrases.append("re" + device.replacingOccurrences(of: " ", with: ""))
        }
        return phrases
    }()

    /// A pin for skeletal traction holds no fracture ("Steinmann pin through the calcaneus"): not a
    /// percutaneous approach, not percutaneous fixation (both features block it).
    static let tractionPins: [String] = [
        "steinmann pin through calcaneus", "steinmann pin through the calcaneus", "calcaneal steinmann pin*", "calcaneal pin*",
        "traction pin*", "denham pin*", "steinmann pin for traction", "steinmann pin traction",
    ]

    /// A walking aid, not an external fixator ("WBAT with frame", "mobilise with a Zimmer frame"):
    /// its names, and every way of walking or bearing weight said "with frame".
    static let walkingFrames: [String] = [
        "walking frame", "zimmer frame", "wheeled frame", "walker frame", "pulpit frame", "gutter frame", "frame walker",
        "frame and crutches", "crutches or frame",
    ] + [
        "weight bearing", "weight bearing as tolerated", "full weight bearing", "touch weight bearing", "partial weight bearing",
        "non weight bearing", "nonweight bearing", "wbat", "fwb", "pwb", "twb", "ttwb", "nwb",
        "mobilise", "mobilize", "mobilised", "mobilized", "mobilising", "mobilizing", "mobilisation", "mobilization", "mobile",
        "walk", "walking", "walks", "ambulate", "ambulating", "ambulates",
    ].flatMap { (verb: String) -> [String] in walkingFrameEnds.map { verb + $0 } }
    static let walkingFrameEnds: [String] = [" with frame", " with a frame", " with the frame", " with a walking frame"]

    static let definitions: [Definition] = [
        .init(feature: "approach:open", phrases: [
            "open reduction", "open treatment", "open", "opened", "reduced open", "reduced openly", "openly reduced", "treated openly", "fixed openly", "openly fixed", "arthrotomy", "exposed", "exposure", "direct visualization",
            "direct vision", "direct visualisation", "directly visualized", "directly visualised", "under vision",
            "dissection carried down", "plate", "plates", "plated", "plating", "incision carried", "open fixation",
            "amputation", "amputated", "disarticulation", "osteotomy", "osteotomies", "arthrodesis",
            // Taking out the patella, whole or in part, is done through an incision over it.
            "patellectomy", "hemipatellectomy", "partial patellectomy",
            // A tension band is wired over the exposed bone, whatever screws go with it.
            "tension band", "tension banding", "tension band wiring", "tension band wire*",
            // So is a cerclage or figure-of-eight wire ("K-wire 1.6 x2, cerclage wire (figure-of-eight)").
            "figure of eight", "figure of 8", "cerclage wire*", "cerclage wiring",
            // A joint capsule cut open, a bone cut, a tendon Z-lengthened: open work.
            "capsulotomy", "capsulotomies", "capsulectomy", "capsulorrhaphy", "arthrotomies", "osteotomized", "osteotomised",
            "z lengthening", "z lengthened", "z plasty",
        ], blockers: ["open fracture", "open fractures", "open wound", "open book", "open physis", "open physes", "open growth plate",
                      "open injury", "open tibia fracture", "open tibial fracture", "open femur fracture", "open ankle fracture",
                      "open grade", "gustilo", "open fracture type",
                      // An open (compound) fracture named with its bone and part is a fracture type, not an approach.
                      "open tibial shaft", "open tibia shaft", "open femoral shaft", "open femur shaft", "open fibular shaft",
                      "open distal tibia fracture*", "open distal tibial fracture*", "open proximal tibia fracture*", "open proximal tibial fracture*",
                      "open distal femur fracture*", "open distal femoral fracture*", "open pilon", "open bimalleolar", "open trimalleolar", "open patella fracture*",
                      // Bone, tendon or metalwork lying bare in a wound ("flap to cover the exposed proximal
                      // tibia", "exposed bone at the base of the ulcer") is the wound's state, not a way in.
                      "exposed bone", "exposed tibia", "exposed tibial", "exposed proximal tibia", "exposed distal tibia", "exposed femur",
                      "exposed fibula", "exposed tendon*", "exposed hardware", "exposed metalwork", "exposed plate", "exposed implant*",
                  ] + sidedOpenFractures + [
                      "open patellar fracture*", "open fibula fracture*", "open fibular fracture*", "open femoral fracture*",
                      "open femur fractures", "open tibia fractures", "open tibial fractures", "open malleolar", "open ankle fractures",
                      "open plateau", "open tibial plateau",
                      // A wound left open is the wound's state, not the way in.
                      "left open", "leave open", "leaving open", "kept open", "remained open", "packed open", "left widely open"]),
        // A named surgical exposure ("posterior approach was done, the piriformis caught in the joint
        // removed and the head returned", "through a Kocher-Langenbeck approach") is the open approach
        // of a fracture or dislocation treated in its clause or sentence: not the whole note's, where a
        // THA's "posterior approach" would make every other code open, nor a replacement's, which is
        // open whatever is said (see `DetectedFeatures.effectiveApproach(near:)`).
        .init(feature: "namedApproach", phrases: [
            "posterior approach", "posterolateral approach", "anterior approach", "anterolateral approach",
            "direct anterior approach", "kocher langenbeck", "smith petersen", "watson jones", "hardinge approach",
            "ilioinguinal approach", "stoppa approach", "modified stoppa",
        ]),
        .init(feature: "approach:percutaneous", phrases: [
            "percutaneous", "percutaneously", "pinning", "pinned", "kirschner wire*", "steinmann pin*", "stab incision*",
            "small incision*", "cannulated screw*", "in situ", "cm stab",
        ], blockers: tractionPins),
        // Percutaneous said in words of the approach, not only inferred from an implant that can be
        // placed open as well ("fixed with three cannulated screws").
        .init(feature: "percutaneousStated", phrases: [
            "percutaneous", "percutaneously", "pinning", "pinned", "stab incision*", "small incision*", "in situ",
            "through skin", "minimally invasive", "mini incision*",
        ]),
        .init(feature: "approach:closed", phrases: [
            "closed reduction", "closed treatment", "closed manipulation", "closed management", "nonoperative",
            "nonoperatively", "conservative", "conservatively", "nonsurgical", "closed",
        ], blockers: ["closed fracture", "closed fractures", "wound closed", "incision closed", "closed layers", "closed layer", "closed anatomic layers",
                      "closed with", "closed over", "skin closed", "fascia closed", "closed primarily",
                      "layered closure", "closed injury", "closed tibia", "closed tibial", "closed femur", "closed ankle", "closed head",
                      // A closed (not compound) fracture described by its pattern or place: the fracture's type.
                      "closed displaced", "closed nondisplaced", "closed undisplaced", "closed non displaced", "closed minimally displaced",
                      "closed comminuted", "closed transverse", "closed oblique", "closed spiral", "closed segmental", "closed midshaft",
                      "closed mid shaft", "closed isolated", "closed bimalleolar", "closed trimalleolar", "closed intertrochanteric",
                      "closed subtrochanteric", "closed pilon", "closed patella fracture*", "closed patellar fracture*", "closed fibula fracture*",
                      "closed fibular fracture*", "closed pelvic fracture*", "closed acetabular fracture*", "closed intra articular",
                      "closed extra articular", "closed femoral shaft", "closed femoral neck",
                      // A closed attempt that failed is not the treatment ("after 2 failed closed attempts").
                      "failed closed", "unsuccessful closed", "attempted closed", "attempts at closed", "attempt at closed",
                      "closed attempt", "closed attempts", "closed reduction failed", "closed reduction was unsuccessful",
                      "closed reduction unsuccessful", "closed reduction was attempted", "closed reduction attempted",
                      // Irreducible closed: the reason for an open reduction.
                      "irreducible closed", "irreducible by closed", "irreducible with closed", "unable to reduce closed"]),
        .init(feature: "immobilization", phrases: [
            "cast", "casted", "casting", "splint", "splinted", "splinting", "immobilization", "immobilized", "brace", "boot",
            "immobilizer", "spica", "sling", "weight bearing", "nonweight bearing", "touch down weight bearing", "crutches",
            "observation", "symptomatic care", "comfort care", "harness", "abduction splint", "abduction orthosis",
        ]),
        // Non-operative care in words other than a cast or splint: with no approach stated, the
        // fracture was treated closed (FactMatcher.approach). Not an approach of its own.
        // The condition said treated without an operation ("Achilles rupture treated
        // non-operatively", "managed conservatively in a boot"): no operation on it is documented.
        .init(feature: "nonoperativeCare", phrases: [
            "nonoperative", "nonoperatively", "nonsurgical", "nonsurgically", "treated conservatively", "managed conservatively",
            "conservative management", "conservative treatment", "conservative care", "conservative measures",
            "conservatively managed", "conservatively treated", "without surgery", "no surgery",
        ], blockers: ["failed nonoperative", "failed conservative", "failed nonsurgical"]),
        .init(feature: "conservativeCare", phrases: [
            "cushion", "donut", "doughnut", "ring cushion", "bed rest", "comfort measures", "symptomatic treatment",
            "symptomatic management", "activity modification", "stool softener*", "nursing care",
            // Treated without an operation, in plain words.
            "without an operation", "without operation", "without surgery", "no operation", "no surgery",
            "not for surgery", "not for operation", "no intervention", "non operative", "no procedure",
        ]),
        .init(feature: "approach:arthroscopic", phrases: ["arthroscop*", "portal", "portals", "scope"]),
        .init(feature: "approach:endoscopic", phrases: ["endoscop*"]),
        .init(feature: "manipulation", phrases: [
            "reduction", "reduced", "reduce", "manipulat*", "realign*", "closed reduction", "open reduction", "reducing",
            "anatomic alignment restored", "traction and rotation",
            // The deformity named as corrected is a reduction: "12 deg varus corrected to 3 deg".
            "angulation corrected", "deformity corrected", "varus corrected", "valgus corrected", "shortening corrected",
            "translation corrected", "displacement corrected", "rotation corrected", "alignment restored", "alignment improved",
            "length restored", "corrected the angulation", "corrected the deformity",
            "correction of the angulation", "correction of angulation", "correction of the deformity", "manual correction",
            "corrected the alignment", "corrected alignment", "straighten*",
            // Lay and second-language ways of saying it was reduced: "pulled to make the bone
            // straight", "put the bone back in place", "the fracture was set".
            "bone straight", "straight again", "back in place", "back into place", "back into position",
            "set the bone", "set the fracture", "bone was set", "fracture was set", "put the bone back",
            // "lined it up", "pulled it out to length", "pushed the bend straight".
            "lined up", "lined it up", "lined them up", "lined the bone up", "lined the bones up", "lined the fracture up",
            "pull out to length", "pulled out to length", "pulled to length", "brought out to length", "bend straight", "pulled straight",
            "pushed straight", "back out into place", "pulled on the leg", "pulled the leg",
            // The manoeuvre told without the word: a pull along the limb's axis, the heel drawn forward,
            // the cast moulded against the deformity ("longitudinal pull, heel brought forward, foot
            // internally rotated", "in-line traction and a three-point mould").
            // Not traction alone ("gentle longitudinal traction only to restore length" for a spanning frame).
            "longitudinal pull", "axial pull", "in line pull", "inline pull",
            "traction and countertraction", "traction countertraction", "traction counter traction",
            "heel brought forward", "heel pulled forward", "brought the heel forward", "pulled the heel forward",
            "three point mould*", "3 point mould*", "three point mold*", "3 point mold*", "moulded into position", "molded into position",
            "traction manoeuvre", "traction maneuver", "reduction manoeuvre", "reduction maneuver",
            // "Reposition" is the word for a reduction in German, Dutch, Polish, Scandinavian and
            // Japanese notes and their translations ("closed reposition under GA", "manual
            // reposition was performed", "the fragments were repositioned"); the patient, the limb
            // or the C-arm moved on the table is not (blockers below).
            "reposition", "repositioned", "repositioning", "repositions", "closed reposition", "manual reposition",
            // A joint told as put back where it belongs: "ankle back in joint", "talus back in the
            // mortise", "talus brought forward and medially" (the ankle's reduction manoeuvre).
            "back in joint", "back into joint", "back in mortise", "back into mortise", "back in its socket",
            "talus brought forward", "brought the talus forward", "talus pushed forward", "talus pulled forward",
            "talus relocated", "relocated the talus", "relocated the ankle", "ankle relocated",
        ], blockers: ["reduction in pain", "reduced pain", "reduced range", "pain reduced", "reduced swelling",
                      // How the fracture lies, not what was done to it: "it is lined up well, so it did
                      // not need straightening", "already lined up", "nicely lined up on the films".
                      "lined up well", "well lined up", "lined up nicely", "nicely lined up", "already lined up",
                      "lined up satisfactorily", "lined up acceptably", "still lined up", "lined up fine",
                      // Nobody manipulated it: "the hip has reduced spontaneously in the harness".
                      "reduced spontaneously", "spontaneously reduced", "spontaneous reduction", "reduced itself",
                      "reduced on its own", "self reduced", "spontaneously relocated",
                      // What can be done is not what was done: a hip that "can be brought back into the
                      // socket" on examination (Ortolani) or a fracture that "could be reduced".
                      "can be reduced", "could be reduced", "can be relocated", "could be relocated",
                      "can be brought back into the socket", "could be brought back into the socket",
                      "can be put back into the socket", "can be pushed back into the socket",
                      // The patient, the limb or the equipment moved: "patient repositioned supine",
                      // "the leg was repositioned on a bump", "C-arm repositioned for the lateral view".
                      // ("patient" and "in", "on" are stop words: "patient repositioned" would block every
                      // "repositioned", so the patient is told by where he was put.)
                      "repositioned supine", "repositioned prone", "repositioned lateral", "repositioned laterally",
                      "repositioned lateral decubitus", "repositioned semi", "repositioned beach chair", "repositioned sitting",
                      "leg repositioned", "limb repositioned", "arm repositioned", "c arm repositioned",
                      "image intensifier repositioned", "tourniquet repositioned", "drapes repositioned",
                      "repositioned the c arm", "repositioned the leg", "repositioned the limb", "repositioned the tourniquet",
                      "repositioned the drapes",
                      "repositioned the image intensifier", "repositioned the drain", "drain repositioned",
                      "retractor repositioned", "repositioned the retractor", "guide wire repositioned", "guidewire repositioned",
                      "wire repositioned", "repositioned the wire", "repositioned the guide wire", "repositioned the guidewire",
                      "pin repositioned", "repositioned the pin", "screw repositioned", "repositioned the screw"]),
        .init(feature: "anesthesia", phrases: [
            "anesthesia", "anesthetic", "anaesthesia", "anesthetized", "sedation", "sedated", "spinal", "general endotracheal",
            "intubated", "laryngeal mask", "lma", "regional block", "nerve block", "nerve blocks", "bier block",
            "ketamine", "propofol", "etomidate",
            // Other ways of saying general or regional: "under a general", "under general", "mask
            // induction with sevo", "caudal block", "epidural", "intubation".
            "under general", "a general", "sevoflurane", "sevo", "mask induction", "inhalational induction", "gas induction",
            "endotracheal", "intubation", "tiva", "epidural", "caudal", "put to sleep", "put him to sleep", "put her to sleep",
            // In lay words, a letter to parents or a patient's own account: "while he was asleep", "with her asleep".
            "while he was asleep", "while she was asleep", "while they were asleep", "while i was asleep", "while you were asleep",
            "while asleep", "with him asleep", "with her asleep", "with them asleep", "once he was asleep", "once she was asleep",
            "once asleep", "off to sleep", "fully asleep",
        ], blockers: ["local anesthesia", "local anesthetic", "local only"]),
        .init(feature: "debridement", phrases: [
            "debrid*", "excisional debridement", "devitalized tissue", "necrotic tissue", "nonviable tissue", "excised necrotic",
            "necrotic bone", "sequestrectomy", "curettage of infected",
        ]),
        // Debridement of nonviable muscle said outright. A word for dead muscle alone ("dusky",
        // "necrotic") counts only with a word of removal in its sentence (FeatureDetector):
        // muscle that looks dusky, pinks up and is left is not debrided.
        .init(feature: "nonviableMuscleDebridement", phrases: [
            "muscle debrid*", "debrided muscle", "debridement muscle", "debridement nonviable", "debrided nonviable",
            "debridement necrotic", "debrided necrotic", "muscle excised", "excised muscle", "excision nonviable",
            "excised necrotic", "excision necrotic", "excised nonviable", "resection necrotic", "resected necrotic",
            "necrotic muscle debrided", "nonviable muscle debrided", "nonviable muscle excised", "necrotic muscle excised",
        ]),
        .init(feature: "nonviableMuscle", phrases: [
            "nonviable muscle", "necrotic muscle", "devitalized muscle", "dead muscle", "muscle necrosis", "myonecrosis",
            "noncontractile muscle", "nonviable", "did not contract", "noncontractile", "necrotic", "dusky",
            "did not bleed", "not contractile", "grey muscle", "gray muscle", "no contractility", "not viable",
            "dead", "devitalized", "devitalised", "grey", "gray", "nonbleeding",
            // Other ways surgeons (and patients) say the muscle was dead: infarcted, black, mushy,
            // no response to the diathermy, "part of the muscle had died".
            "infarcted", "infarct", "black", "mushy", "liquefied", "necrosed", "died", "had died",
            "did not respond", "not responding", "no response", "unresponsive", "did not twitch", "no twitch",
        ]),
        .init(feature: "tissueRemoval", phrases: [
            "excis*", "debrid*", "resect*", "removed", "remove", "removing", "removal", "cut back", "trimmed", "sharply removed", "cut out", "cut away",
            "pared back", "taken away", "take away", "cut it away", "cut it out",
        ]),
        .init(feature: "viableMuscle", phrases: [
            "muscle viable", "muscles viable", "muscle healthy", "healthy muscle", "muscle contractile", "muscle bled",
            "muscle bleeding", "viable", "contractile", "bled and contracted", "contracted and bled", "pink and contractile",
            "all muscle viable", "viable muscle", "muscle pink",
            // Lay and plain words: "all the muscle was living", "still alive".
            "alive", "living muscle", "muscle was living", "muscle living",
        ]),
        .init(feature: "fixation:intramedullary", phrases: [
            "intramedullary", "nail", "nailing", "nailed", "rod", "rodding", "cephalomedullary", "gamma nail", "trochanteric nail",
            "reamed nail", "retrograde nail", "antegrade nail", "im nail", "nails", "elastic nail*", "flexible nail*", "titanium elastic",
            "esin", "ender nail*", "enders nail*", "rush rod*", "elastic stable intramedullary",
            // The nail told by its steps, not its name ("through a suprapatellar portal ... reamed to
            // eleven, the implant inserted and locked with interlocking screws"): its entry beside
            // the patella and its interlocking bolts. Not reaming alone (an acetabulum, a cemented
            // stem's canal and a hip screw's lag are reamed too).
            "suprapatellar portal", "suprapatellar entry", "suprapatellar approach", "infrapatellar portal",
            "infrapatellar entry", "infrapatellar approach", "transpatellar portal", "transpatellar approach",
            "interlocking screw*", "interlocking bolt*", "proximal interlocking", "distal interlocking", "interlocked",
        ]),
        .init(feature: "fixation:plate-screws", phrases: [
            "plate", "plates", "plated", "plating", "side plate", "sliding hip screw", "compression hip screw", "locking plate",
            "buttress plate", "lag screw", "lag screws", "screw", "screws", "syndesmotic screw",
            // Implants named by their kind only ("fibula 7-hole 1/3 tubular, MM 2 x 4.0 partially threaded").
            "third tubular", "3 tubular", "quarter tubular", "4 tubular", "lcp", "dcp", "neutralization", "neutralisation", "antiglide", "reconstruction plate", "recon plate",
            "partially threaded", "fully threaded", "cancellous screw*", "cortical screw*", "cortex screw*", "headless screw*",
        ]),
        .init(feature: "fixation:plate", phrases: [
            "plate", "plates", "plated", "plating", "side plate", "sliding hip screw", "compression hip screw", "dynamic hip screw",
            "third tubular", "3 tubular", "quarter tubular", "4 tubular", "lcp", "dcp", "neutralization", "neutralisation", "antiglide", "reconstruction plate", "recon plate",
        ]),
        .init(feature: "fixation:internal", phrases: [
            "internal fixation", "fixation", "fixed", "tension band", "cerclage", "hardware placed", "implant", "screw", "screws",
            "plate", "nail", "suture anchor",
            // Suture-button devices for the syndesmosis, by kind and by name.
            "suture button", "suture buttons", "tightrope", "tight rope", "ziptight", "zip tight", "syndesmotic button", "knotless button",
            "third tubular", "3 tubular", "quarter tubular", "4 tubular", "lcp", "dcp", "neutralization", "neutralisation", "antiglide", "reconstruction plate", "recon plate",
            "partially threaded", "fully threaded", "cancellous screw*", "cortical screw*", "cortex screw*", "headless screw*",
        ], blockers: ["external fixation", "external fixator", "percutaneous fixation", "no fixation"]),
        // A prosthesis put in: the work is open whatever the note says of the approach (no question
        // whether a hemiarthroplasty for a neck fracture was done closed or percutaneously).
        .init(feature: "prostheticReplacement", phrases: [
            "hemiarthroplasty", "arthroplasty", "endoprosthesis", "austin moore", "thompson prosthesis", "prosthetic replacement",
            "femoral head replacement", "bipolar head", "unipolar head", "monoblock",
        ]),
        // Fixation stated as not done in words that are themselves a blocker of "fixation:internal".
        .init(feature: "noFixation", phrases: [
            "no fixation", "without fixation", "no internal fixation", "without internal fixation", "no hardware",
            "without hardware", "no implants", "no implant", "no fixation required", "no fixation needed",
        ]),
        .init(feature: "fixation:external", phrases: [
            "external fixation", "external fixator", "external fixator applied", "spanning fixator", "frame", "ex fix",
            "ilizarov", "multiplanar", "uniplanar", "half pins",
        ], blockers: walkingFrames + [
            // A frame a limb rests or hangs in for traction, not a fixator.
            "braun frame", "bohler braun frame", "boehler braun frame", "balkan frame", "balkan beam", "traction frame",
            "overhead frame", "frame bed", "stryker frame",
        ]),
        .init(feature: "fixation:percutaneous", phrases: [
            "percutaneous pinning", "percutaneous fixation", "percutaneous screw*", "percutaneously", "kirschner wire*",
            "pins", "pinned", "pinning", "steinmann pin*", "cannulated screw*", "percutaneous",
            // Screws across the back of the pelvic ring go in through the skin under imaging.
            "iliosacral screw*", "transsacral screw*", "trans sacral screw*", "sacroiliac screw*",
        ], blockers: tractionPins),
        .init(feature: "graft", phrases: [
            "bone graft*", "autograft", "allograft", "iliac crest", "graft", "grafting", "grafted", "bone void filler", "cancellous chips",
            "autologous bone", "autogenous bone", "autologous graft", "autogenous graft",
        ]),
        .init(feature: "revision", phrases: ["revision", "revise", "revised", "revising", "redo", "re do", "rerevision",
                                             // A component of an existing prosthesis exchanged is a revision (the DAIR insert exchange).
                                             "polyethylene exchange", "poly exchange", "liner exchange", "insert exchange", "component exchange",
                                             "exchange polyethylene", "exchange poly", "exchange liner", "exchange insert", "exchanged polyethylene",
                                             "exchanged poly", "exchanged liner", "exchanged insert", "polyethylene exchanged", "poly exchanged",
                                             "liner exchanged", "insert exchanged", "polyethylene insert exchanged", "poly insert exchanged",
                                             "polyethylene liner exchanged", "modular exchange", "head liner exchange", "dair"]),
        // A delayed primary closure is a second operation on a wound left open: "primary" names
        // the kind of closure, not a first (unrevised) procedure.
        .init(feature: "primary", phrases: ["primary"], blockers: ["delayed primary", "delayed primarily"]),
        .init(feature: "components:both", phrases: [
            "both components", "femoral acetabular components", "acetabular femoral components", "femoral tibial components",
            "tibial femoral components", "all components", "both femoral acetabular", "both femoral tibial", "total revision",
        ]),
        .init(feature: "components:one", phrases: [
            "acetabular component only", "femoral component only", "tibial component only", "isolated", "single component",
            "liner exchange", "polyethylene exchange", "poly exchange", "one component", "component only",
            "insert exchange", "exchange polyethylene", "exchange poly", "exchange liner", "exchange insert", "exchanged polyethylene",
            "exchanged poly", "exchanged liner", "exchanged insert", "polyethylene exchanged", "poly exchanged", "liner exchanged",
            "insert exchanged", "polyethylene insert exchanged", "poly insert exchanged", "polyethylene liner exchanged",
        ]),
        .init(feature: "traumatic", phrases: [
            "trauma", "traumatic", "injury", "injured", "fall", "fell", "motor vehicle", "accident", "crush", "gunshot", "fracture",
            "avulsion", "avulsed", "bimalleolar", "trimalleolar", "bimal", "trimal",
            // How the injury happened, in the words of a patient or a relative ("after I came off my motorbike").
            "crash", "crashed", "collision", "came off my", "came off his", "came off her", "fell off", "knocked off", "tackled",
            "motorbike", "motorcycle",
            // A bone in pieces is a broken one ("hemipatellectomy for a comminuted inferior pole").
            "comminuted", "comminution",
        ]),
        // A fracture that failed to heal or healed crooked: what is treated is the late condition,
        // not the injury, so the injury words do not speak against a code for a non-acute condition.
        .init(feature: "lateCondition", phrases: [
            "nonunion", "nonunions", "malunion", "malunions", "delayed union", "pseudarthrosis", "pseudoarthrosis",
        ]),
        .init(feature: "nontraumatic", phrases: [
            "congenital", "developmental", "dysplasia", "pathologic*", "spontaneous", "nontraumatic", "atraumatic", "exertional",
            // A joint out of place since the child was born: "out of its socket since birth", "born with a dislocated hip".
            "since birth", "from birth", "at birth", "born with",
        ]),
        .init(feature: "bilateral", phrases: ["bilateral", "both sides", "both knees", "both hips", "both legs", "both ankles", "both thighs"]),
        .init(feature: "tractionOrSkeletalPins", phrases: ["skeletal traction", "traction pin*", "steinmann pin*", "traction"]),
        // A fracture pulled into place through a pin in bone: "distal femoral skeletal traction pin",
        // "Denham pin", "skeletal pin placed" (not skin traction, not a traction table for a nailing).
        .init(feature: "skeletalTraction", phrases: [
            "skeletal traction", "traction pin*", "denham pin*", "skeletal pin*", "skeletal traction pin*", "distal femoral traction",
            "proximal tibial traction", "tibial traction pin*", "femoral traction pin*", "calcaneal traction",
        ]),
        .init(feature: "arthrotomy", phrases: [
            "arthrotomy", "capsulotomy", "t capsulotomy", "capsule incised", "capsule opened", "capsule divided", "incised capsule",
            "opened capsule", "divided capsule", "joint opened", "opened joint", "joint capsule opened", "joint capsule incised",
        ]),
        .init(feature: "compartment:anterior", phrases: ["anterior compartment*", "anterior lateral compartments", "anterolateral compartment*", "anterior lateral",
                                                         "quadriceps compartment*", "extensor compartment*"]),
        .init(feature: "compartment:lateral", phrases: ["lateral compartment*", "anterior lateral compartments", "anterolateral compartment*", "peroneal compartment*"]),
        .init(feature: "compartment:posterior", phrases: [
            "posterior compartment*", "deep posterior", "superficial posterior", "posteromedial incision", "medial incision",
            "hamstring compartment*", "flexor compartment*",
        ]),
        // The thigh's third compartment; only counted towards "several compartments" (DetectedFeatures).
        .init(feature: "compartment:medial", phrases: ["medial compartment*", "adductor compartment*"]),
        .init(feature: "compartment:all", phrases: [
            "four compartment*", "4 compartment*", "all compartments", "two incision", "dual incision", "2 incision",
        ]),
        .init(feature: "openFracture", phrases: [
            "open fracture*", "open tibia*", "open femur", "open femoral", "open ankle", "open injury", "gustilo", "compound fracture",
            "open grade", "open fracture type",
        ] + sidedOpenFractures),
        .init(feature: "openFractureType3", phrases: [
            "gustilo 3*", "gustilo iii*", "type 3a", "type 3b", "type 3c", "type iiia", "type iiib", "type iiic", "grade 3*", "grade iii*",
            "iiia", "iiib", "iiic",
        ]),
        // Body regions of the three sections of the code range (27000-27299 pelvis and hip,
        // 27301-27599 femur and knee, 27600-27899 leg and ankle): a code of one region needs
        // the narrative to be about that region. Ambiguous words (femur, leg) are left out.
        .init(feature: "region:hip", phrases: [
            "hip", "hips", "pelvis", "pelvic", "acetabulum", "acetabular", "buttock", "buttocks", "gluteal", "gluteus", "groin",
            "sacroiliac", "sacrum", "coccyx", "ischial", "ischium", "ilium", "iliac wing", "pubic", "pubis", "symphysis",
            "trochanter", "trochanteric", "intertrochanteric", "subtrochanteric", "pertrochanteric", "femoral neck", "femoral head",
            "adductor", "iliopsoas", "psoas", "slipped capital femoral epiphysis", "periacetabular",
        ], blockers: ["hip flexion", "iliac crest"]),
        .init(feature: "region:knee", phrases: [
            "knee", "knees", "thigh", "thighs", "femoral shaft", "distal femur", "distal femoral", "supracondylar", "femoral condyle",
            "condyles", "patella", "patellar", "quadriceps", "hamstring", "hamstrings", "popliteal", "tibial plateau", "meniscus",
            "menisci", "cruciate", "semitendinosus", "semimembranosus", "biceps femoris", "vastus", "suprapatellar", "intercondylar",
            "trochlea", "trochlear", "above knee", "tibial tubercle", "tibial tuberosity", "blount", "rectus femoris", "sartorius", "gracilis",
            "prepatellar", "pes anserine", "pes anserinus",
        ], blockers: ["below knee", "knee high",
                      // A long-leg cast and the suprapatellar route for a tibial nail are the leg's.
                      "above knee cast", "above knee plaster", "above knee pop", "above knee backslab", "above knee splint",
                      "suprapatellar approach", "suprapatellar nail*", "suprapatellar tibial", "suprapatellar portal",
                      "suprapatellar intramedullary", "suprapatellar technique", "suprapatellar entry", "semiextended",
                      "patellar tendon split*", "patellar tendon splitting approach", "infrapatellar approach"]),
        .init(feature: "region:ankle", phrases: [
            "ankle", "ankles", "calf", "tibial shaft", "tibia", "fibula", "fibular", "malleolus", "malleolar", "malleoli", "bimalleolar",
            "trimalleolar", "pilon", "plafond", "achilles", "peroneal", "syndesmosis", "talus", "talar", "gastrocnemius", "soleus",
            "tibialis", "lower leg", "tibiotalar", "heel cord", "below knee", "deltoid ligament", "transtibial",
            "anterior tibial", "posterior tibial", "tibial tendon", "tibialis anterior", "tibialis posterior",
            "calcaneus", "calcaneal", "flexor hallucis longus", "flexor digitorum longus", "extensor hallucis longus",
            "syme", "symes", "syme s", "pirogoff", "boyd amputation",
        ], blockers: ["tibial plateau"]),
        // Outside the code range altogether: foot, upper limb, spine. A narrative mostly about
        // these is not coded with a hip, knee or ankle code on the strength of a shared word.
        .init(feature: "region:outside", phrases: [
            "toe", "toes", "metatarsal", "metatarsals", "bunion", "hallux", "lisfranc", "navicular",
            "cuboid", "cuneiform", "forefoot", "midfoot", "phalanx", "metatarsophalangeal", "plantar fascia", "plantar fasciitis",
            "hammertoe", "shoulder", "humerus", "humeral", "elbow", "forearm", "radius", "ulna", "ulnar", "wrist",
            "hand", "finger", "fingers", "thumb", "skin lesion", "skin lesions", "skin graft", "laceration", "lacerations",
            "ulcer", "pressure sore", "pressure sores", "bedsore", "sebaceous", "nevus", "saphenous", "varicose", "bypass", "carpal", "metacarpal", "clavicle", "scapula", "rotator cuff", "olecranon",
            "spine", "spinal fusion", "lumbar", "thoracic", "laminectomy", "discectomy", "vertebra", "vertebral", "cervical spine",
            "tarsometatarsal", "tmt", "lapidus", "first ray", "interphalangeal", "mtp", "mtpj", "webspace", "web space", "morton",
            "tarsal tunnel", "chopart", "transmetatarsal", "talonavicular", "calcaneocuboid", "sesamoid", "supraspinatus",
            "infraspinatus", "subscapularis", "acromion", "acromioplasty", "subacromial", "glenoid", "glenohumeral", "scaphoid",
            "microdiscectomy", "laminotomy", "hemilaminotomy", "pedicle screw*", "digital block",
            // The trunk and the head: "lipoma of the upper back", "chest wall", "scalp".
            "upper back", "mid back", "lower back", "chest wall", "abdominal wall", "trunk", "flank", "scalp", "axilla", "axillary",
            "breast", "forehead", "calcaneonavicular", "tarsal coalition", "extensor digitorum brevis",
        ], blockers: ["radial head", "hand held", "hand injection", "second hand",
                      // Bony spines of the range, not the vertebral column: "ASIS" (read as the anterior superior
                      // iliac spine) avulsions, "tibial spine" fractures, the ischial spine.
                      "iliac spine", "iliac spines", "ischial spine", "tibial spine", "tibial spines", "intercondylar spine",
                      // Gait, not the foot: "idiopathic toe walker", "toe walking" (heel-cord and calf codes).
                      "toe walker", "toe walkers", "toe walking", "toe walk", "toe walks"]),
        // Words that say a fracture or dislocation was treated at all.
        .init(feature: "treatment", phrases: [
            "treated", "treatment", "treat", "managed", "management", "care", "reduced", "reduction", "fixed", "fixation",
            "nonoperative", "operative", "surgery", "surgical", "code", "coded", "cpt", "billed", "arthroplasty",
            "hemiarthroplasty", "prosthe*", "replacement", "traction", "pinning", "pinned", "nailing", "nailed", "plated",
            "repair", "repaired", "excision", "excised", "osteotomy", "arthrodesis", "fusion", "implant*",
        ]),
        // Today's operation takes implants out: fracture-treatment codes do not describe it.
        .init(feature: "hardwareRemoval", phrases: [
            "removal hardware", "hardware removal", "removed hardware", "hardware removed", "remove hardware", "removal deep hardware",
            "removal plate", "removal screws", "plate screws removed", "screws removed", "plate removed", "removal implant*",
            "implant removal", "implants removed", "nail removed", "removal nail", "removal intramedullary nail", "hardware was removed",
        ]),
        // A cast or splint changed, reapplied or wedged at a later visit: the cast's own service
        // (29xxx), not the fracture's treatment.
        .init(feature: "castChange", phrases: [
            "cast change", "cast changed", "change cast", "cast changes", "cast exchange", "cast exchanged", "recast", "recasted",
            "re cast", "re casted", "cast reapplied", "cast reapplication", "reapplication cast", "reapplied cast", "cast replaced",
            "replaced cast", "replacement cast", "new cast", "cast renewed", "cast wedging", "cast wedged", "wedging cast", "wedged cast",
            "splint changed", "splint change", "splint reapplied", "change splint", "cast removed reapplied", "cast removed replaced",
            "cast off reapplied", "cast removed new", "cast was changed", "changed cast", "cast revised", "cast split",
            "change of cast", "recasting", "changed splint", "plaster changed", "change of plaster", "pop changed",
            "backslab changed", "backslab completed", "completed cast", "cast completed",
            "fresh cast", "old cast", "fresh short leg cast", "old short leg cast",
        ] + castChangeVariants),
        // The bone the hardware held has healed: taking the hardware out is the whole operation.
        .init(feature: "healed", phrases: [
            "healed", "united", "consolidated", "solid union", "bony union", "radiographic union", "union achieved", "fully united",
        ], blockers: ["wound healed", "incision healed", "skin healed", "healed wound", "healed incision"]),
        // Facts some entries name beyond the standard list (see docs/knowledge-base.md).
        .init(feature: "deep", phrases: ["subfascial", "deep fascia", "beneath fascia", "below fascia", "intramuscular", "deep",
                                          "deep to fascia", "under fascia", "below crural fascia", "beneath crural fascia",
                                          "deep to crural fascia", "under crural fascia", "deep to fascia lata", "below fascia lata",
                                          "beneath fascia lata", "under fascia lata", "submuscular", "within muscle", "within the muscle",
                                          // Reached through the fascia or a muscle: "ITB split, vastus lateralis elevated off
                                          // the trochanter", "fascia incised and the muscle split in line with its fibres".
                                          "fascia incised", "fascia opened", "fascia divided", "fascia split", "incised fascia",
                                          "opened fascia", "divided fascia", "split fascia", "fascia lata incised", "fascia lata split",
                                          "fascia lata divided", "iliotibial band split", "iliotibial band incised", "iliotibial band divided",
                                          "split iliotibial band", "muscle split", "split muscle", "muscle splitting", "muscle was split",
                                          "split in line with its fibres", "split in line with its fibers", "elevated off", "muscle elevated",
                                          "muscle detached", "muscle reflected", "through muscle", "through the muscle", "through gluteus",
                                          "deep to gluteus", "beneath gluteus", "under gluteus",
                                          // The fascia or the muscle named by its region: "beneath the gluteal fascia",
                                          // "within gluteus maximus", "within the vastus lateralis".
                                          "beneath gluteal fascia", "below gluteal fascia", "under gluteal fascia", "deep to gluteal fascia",
                                          "beneath thigh fascia", "under thigh fascia", "deep to thigh fascia", "beneath investing fascia",
                                          "deep to investing fascia", "under investing fascia", "beneath muscle fascia", "deep to muscle fascia",
                                          "within gluteus", "within gluteal muscle*", "within vastus", "within quadriceps", "within adductor*",
                                          "within hamstring*", "within biceps femoris", "within semitendinosus", "within semimembranosus",
                                          "within rectus femoris", "within sartorius", "within gracilis", "within iliopsoas", "within piriformis",
                                          "within tensor fasciae latae", "within gastrocnemius", "within soleus", "within tibialis anterior",
                                          "within peroneal muscle*", "within calf muscle*", "within thigh muscle*"],
              blockers: ["deep posterior", "deep vein", "deep venous", "deep infection"]),
        // A wide resection told by what it takes with the lesion: "resected with a cuff of normal muscle
        // all round", "compartmental resection".
        .init(feature: "radicalResection", phrases: ["radical resection", "radical", "wide resection", "wide margin*", "en bloc", "wide excision",
                                                     "cuff of normal*", "cuff of healthy", "cuff of uninvolved", "cuff of unaffected",
                                                     "normal tissue cuff", "compartmental resection", "compartmentectomy"]),
        .init(feature: "imageGuidance", phrases: ["fluoroscop*", "fluoro", "c arm", "image guid*", "ultrasound guid*", "ct guid*", "imaging guidance"]),
        .init(feature: "boneTumor", phrases: ["bone tumor", "bone lesion", "lytic lesion", "enchondroma", "osteoid osteoma", "bone cyst", "chondrosarcoma", "osteosarcoma", "giant cell tumor",
                                                 "fibrous dysplasia", "nonossifying fibroma", "chondroblastoma", "osteochondroma"]),
        .init(feature: "prophylactic", phrases: ["prophylactic", "impending fracture", "impending", "prophylactically"]),
        .init(feature: "osteotomy", phrases: ["osteotomy", "osteotomies"]),
        .init(feature: "arthroscopicAssist", phrases: ["arthroscopically assisted", "arthroscopic assisted", "arthroscopic assistance"]),
    ]
}
