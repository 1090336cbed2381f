/// Chooses the readable text of an entity tree: text/plain over HTML in alternatives, inline
/// text parts in order (Apple Mail splits the body around inline images), .txt attachments and
/// forwarded messages as extra case text, everything else listed as an attachment.
struct TextAssembler {
    /// The message's own body text, from which quotes and signatures are stripped.
    var body: [String] = []
    /// Case text that came as attachments or forwarded messages: kept whole.
    var extras: [String] = []
    var attachments: [AttachmentInfo] = []

    mutating func collect(_ entity: Entity, isRoot: Bool = true) {
        switch entity.content {
        case .multipart(let children):
            collectMultipart(entity.mimeType, children)
        case .message(let inner):
            var nested = TextAssembler()
            nested.collect(inner)
            let subject = inner.headers.first(named: "Subject")?.decodedValue
            let forwarded = NarrativeExtractor.narrative(from: nested.body.joined(separator: "\n\n"))
            let text = ([forwarded] + nested.extras).filter { !$0.isEmpty }.joined(separator: "\n\n")
            if !text.isEmpty { extras.append(text) }
            attachments.append(AttachmentInfo(filename: entity.filename ?? subject.map { $0 + ".eml" },
                                              mimeType: entity.mimeType, size: nested.totalSize(inner), wasRead: !text.isEmpty))
            attachments += nested.attachments
        case .text(let text):
            let isHTML = entity.mimeType == "text/html"
            let readable = isHTML ? HTMLText.text(fromHTML: text) : text
            if entity.isAttachment || (!isRoot && entity.filename != nil && !isBodyType(entity)) {
                extras.append(readable.trimmingASCIIWhitespace())
                attachments.append(AttachmentInfo(filename: entity.filename, mimeType: entity.mimeType,
                                                  size: text.utf8.count, wasRead: true))
            } else {
                body.append(readable)
            }
        case .opaque(let size):
            attachments.append(AttachmentInfo(filename: entity.filename, mimeType: entity.mimeType, size: size, wasRead: false))
        }
    }

    private func isBodyType(_ entity: Entity) -> Bool {
        (entity.mimeType == "text/plain" || entity.mimeType == "text/html") && entity.disposition?.value != "attachment"
            && !(entity.filename?.lowercased().hasSuffix(".txt") ?? false)
    }

    private mutating func collectMultipart(_ type: String, _ children: [Entity]) {
        switch type {
        case "multipart/alternative":
            // Prefer the plain alternative (it is what the sender's client wrote for text readers),
            // else the last readable one (the richest, by RFC 2046).
            let readable = children.filter { Self.hasText($0) }
            let chosen = readable.first { Self.isPlain($0) } ?? readable.last ?? children.first
            if let chosen { collect(chosen, isRoot: false) }
        case "multipart/report":
            // Bounces: the human-readable first part is the text; the rest are listed.
            for (position, child) in children.enumerated() {
                if position == 0 { collect(child, isRoot: false) }
                else { attachments.append(AttachmentInfo(filename: child.filename, mimeType: child.mimeType,
                                                          size: totalSize(child), wasRead: false)) }
            }
        default:
            for child in children { collect(child, isRoot: false) }
        }
    }

    private static func hasText(_ entity: Entity) -> Bool {
        switch entity.content {
        case .text: return !entity.isAttachment
        case .multipart(let children): return children.contains { hasText($0) }
        default: return false
        }
    }

    private static func isPlain(_ entity: Entity) -> Bool {
        switch entity.content {
        case .text: return entity.mimeType == "text/plain" && !entity.isAttachment
        case .multipart(let children):
            return entity.mimeType != "multipart/related" ? children.contains { isPlain($0) } : children.first.map(isPlain) ?? false
        default: return false
        }
    }

    func totalSize(_ entity: Entity) -> Int {
        switch entity.content {
        case .multipart(let children): return children.reduce(0) { $0 + totalSize($1) }
        case .message(let inner): return totalSize(inner)
        case .text(let text): return text.utf8.count
        case .opaque(let size): return size
        }
    }
}
