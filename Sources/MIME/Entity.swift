/// One MIME entity after parsing: its headers, its type, and what the parser kept of its body.
/// Bodies are decoded only for parts whose text the desk reads; attachments are only measured,
/// so a 50 MB attachment costs no second 50 MB.
struct Entity: Sendable {
    indirect enum Content: Sendable {
        case multipart([Entity])
        /// message/rfc822 (forwarded as attachment, or the returned message of a bounce).
        case message(Entity)
        /// Decoded text of a text/plain or text/html part, or of a .txt attachment.
        case text(String)
        /// Not read; decoded size in bytes.
        case opaque(size: Int)
    }

    var headers: [HeaderField]
    var contentType: ParameterizedHeader
    var disposition: ParameterizedHeader?
    var content: Content

    /// Lowercased type/subtype.
    var mimeType: String { contentType.value }

    var filename: String? {
        let name = disposition?.parameters["filename"] ?? contentType.parameters["name"]
        return name.map { $0.trimmingASCIIWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
    }

    var isAttachment: Bool {
        disposition?.value == "attachment"
    }
}
