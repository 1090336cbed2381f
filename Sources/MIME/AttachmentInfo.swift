/// A part that is not the message text: listed so the consultant knows it exists.
public struct AttachmentInfo: Sendable, Hashable {
    public var filename: String?
    /// Lowercased type/subtype.
    public var mimeType: String
    /// Decoded size in bytes (measured, not decoded, for binary attachments).
    public var size: Int
    /// True when its text became part of the case text (.txt attachments, forwarded messages).
    public var wasRead: Bool

    public init(filename: String?, mimeType: String, size: Int, wasRead: Bool) {
        self.filename = filename
        self.mimeType = mimeType
        self.size = size
        self.wasRead = wasRead
    }
}
