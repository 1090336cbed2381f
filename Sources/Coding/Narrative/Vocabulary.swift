/// Every word the knowledge base and the lexicon know, as small integers, plus the prefix
/// patterns (`debrid*`). Narratives map their words to these keys once; phrase matching then
/// compares integers. Unknown long words are corrected to a known word one or two edits away.
struct Vocabulary: Sendable {
    private(set) var ids: [String: Int32] = [:]
    private(set) var words: [String] = []
    /// Prefix patterns get keys after the words: key = prefixBase + index.
    private(set) var prefixes: [String] = []
    private var prefixByHead: [String: [Int32]] = [:]
    /// Known words by first letter and length, for the misspelling search.
    private var buckets: [String: [Int32]] = [:]
    static let prefixBase: Int32 = 1 << 24

    mutating func add(word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        if word.utf8.count >= 4, let first = word.first {
            buckets[String(first) + String(word.utf8.count), default: []].append(id)
        }
        return id
    }

    mutating func add(prefix: String) -> Int32 {
        if let index = prefixes.firstIndex(of: prefix) { return Self.prefixBase + Int32(index) }
        prefixes.append(prefix)
        let key = Self.prefixBase + Int32(prefixes.count - 1)
        prefixByHead[String(prefix.prefix(3)), default: []].append(key)
        return key
    }

    /// The prefix keys a word matches.
    func prefixKeys(of word: String) -> [Int32] {
        guard let candidates = prefixByHead[String(word.prefix(3))] else { return [] }
        return candidates.filter { word.hasPrefix(prefixes[Int($0 - Self.prefixBase)]) }
    }

    /// A known word for an unknown one: same first letter, one edit away (two for long words).
    /// Short words are never corrected: too many real words are one letter apart.
    func correction(for word: String) -> String? {
        let length = word.utf8.count
        guard length >= 6, let first = word.first, !word.contains(where: \.isNumber) else { return nil }
        let allowed = length >= 9 ? 2 : 1
        let target = Array(word.utf8)
        var best: (String, Int)?
        for candidateLength in (length - allowed)...(length + allowed) {
            guard let bucket = buckets[String(first) + String(candidateLength)] else { continue }
            for id in bucket {
                let candidate = words[Int(id)]
                // One edit is checked in one pass; the dynamic programme only for long words.
                let distance = candidate.utf8.withContiguousStorageIfAvailable { Self.withinOneEdit(target, $0) } ?? Self.withinOneEdit(target, Array(candidate.utf8))
                    ? 1 : (allowed == 2 ? Self.editDistance(target, Array(candidate.utf8), limit: 2) : 2)
                if distance <= allowed, best == nil || distance < best!.1 { best = (candidate, distance) }
                if distance == 1 && allowed == 1 { return candidate }
            }
        }
        return best?.0
    }

    /// Short nouns a note turns on, which a typist drops or doubles a letter of or swaps two in
    /// ("nek", "kne", "femr", "scerw", "plte"). Short words are otherwise never corrected.
    static let shortCorrectionTargets: [String] = [
        "neck", "knee", "knees", "head", "femur", "tibia", "fibula", "shaft", "wall", "nail", "plate", "screw", "screws",
        "wire", "wires", "bone", "joint", "pelvis", "ilium", "pubis", "sacrum", "coccyx", "bursa", "cyst", "tendon", "column",
    ]

    /// A short unknown word (three to five letters) read as one of `shortCorrectionTargets` when it
    /// is that word with one letter missing, one extra, or two neighbours swapped, same first letter.
    /// A different letter is no typo here: "ball", "heal" and "well" are words of their own.
    func shortCorrection(for word: String) -> String? {
        let length = word.utf8.count
        guard length >= 3, length <= 5, let first = word.first, first.isLetter, !word.contains(where: \.isNumber) else { return nil }
        let target = Array(word.utf8)
        for candidate in Self.shortCorrectionTargets where candidate.first == first && ids[candidate] != nil {
            let bytes = Array(candidate.utf8)
            // Same length: only a swap (a substitution would make "ball" "wall"); else one letter in or out.
            let typo = bytes.count == target.count ? Self.isTransposition(target, bytes) : Self.withinOneEdit(target, bytes)
            if typo { return candidate }
        }
        return nil
    }

    /// a and b of one length differ only by two neighbouring letters swapped.
    static func isTransposition(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, a != b else { return false }
        guard let i = a.indices.first(where: { a[$0] != b[$0] }), i + 1 < a.count else { return false }
        return a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
    }

    /// True when b is a at most one substitution, insertion, deletion or adjacent swap away.
    static func withinOneEdit<C: Collection>(_ a: [UInt8], _ b: C) -> Bool where C.Element == UInt8, C.Index == Int {
        let (m, n) = (a.count, b.count)
        guard abs(m - n) <= 1 else { return false }
        var i = 0
        while i < m, i < n, a[i] == b[b.startIndex + i] { i += 1 }
        if i == m && i == n { return true }
        func equalTail(_ x: Int, _ y: Int) -> Bool {
            var (x, y) = (x, y)
            while x < m, y < n { if a[x] != b[b.startIndex + y] { return false }; x += 1; y += 1 }
            return x == m && y == n
        }
        if m == n {
            if equalTail(i + 1, i + 1) { return true }
            return i + 1 < m && a[i] == b[b.startIndex + i + 1] && a[i + 1] == b[b.startIndex + i] && equalTail(i + 2, i + 2)
        }
        return m > n ? equalTail(i + 1, i) : equalTail(i, i + 1)
    }

    /// Damerau-style distance (adjacent swaps count one), abandoned early past `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previousPrevious[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return a.isEmpty ? b.count : (b.isEmpty ? a.count : previous[b.count])
    }
}
