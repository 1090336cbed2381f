/// Bounds on what one parse may consume, so hostile or broken mail ends in a `MIMEError`
/// naming the limit instead of exhausting memory or time.
public struct ParseLimits: Sendable, Hashable {
    public var maxTotalBytes: Int
    /// Header fields per entity (the top-level message or one MIME part).
    public var maxHeaderCount: Int
    /// Bytes of one entity's header section.
    public var maxHeaderBytes: Int
    /// Nesting of multipart and message/rfc822 entities.
    public var maxDepth: Int
    /// MIME entities in the whole message.
    public var maxPartCount: Int
    /// Largest .txt attachment that is decoded into the case text; larger ones are only listed.
    public var maxTextAttachmentBytes: Int

    public init(maxTotalBytes: Int, maxHeaderCount: Int, maxHeaderBytes: Int, maxDepth: Int,
                maxPartCount: Int, maxTextAttachmentBytes: Int = 2 << 20) {
        self.maxTotalBytes = maxTotalBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxDepth = maxDepth
        self.maxPartCount = maxPartCount
        self.maxTextAttachmentBytes = maxTextAttachmentBytes
    }

    /// Generous for real mail (Gmail caps messages at 25 MB before base64; a few hundred headers
    /// with a long Received chain; clients nest a handful of levels), small enough to stop abuse.
    public static let standard = ParseLimits(
        maxTotalBytes: 64 << 20,
        maxHeaderCount: 1_000,
        maxHeaderBytes: 256 << 10,
        maxDepth: 40,
        maxPartCount: 2_000
    )

    /// For tests and tools that must look at anything.
    public static let unlimited = ParseLimits(
        maxTotalBytes: .max, maxHeaderCount: .max, maxHeaderBytes: .max, maxDepth: 1_000, maxPartCount: .max
    )
}
