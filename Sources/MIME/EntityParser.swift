import Foundation

/// Splits raw bytes into the MIME entity tree. Works on an unsafe buffer over the caller's bytes
/// (no per-line copies; memchr/memmem for scanning) and enforces `ParseLimits` as it goes, so
/// limits stop work early instead of after a huge allocation.
struct EntityParser {
    let limits: ParseLimits
    private(set) var partCount = 0
    private(set) var warnings: [String] = []

    init(limits: ParseLimits) {
        self.limits = limits
    }

    mutating func warn(_ warning: String) {
        if !warnings.contains(warning), warnings.count < 50 { warnings.append(warning) }
    }

    mutating func parseEntity(_ buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, depth: Int,
                              defaultType: String = "text/plain") throws -> Entity {
        partCount += 1
        if partCount > limits.maxPartCount {
            throw MIMEError.limitExceeded(.partCount, actual: partCount, allowed: limits.maxPartCount)
        }
        if depth > limits.maxDepth {
            throw MIMEError.limitExceeded(.depth, actual: depth, allowed: limits.maxDepth)
        }
        let (headers, bodyStart) = try parseHeaders(buffer, range: range, isTopLevel: depth == 0)
        let body = bodyStart..<range.upperBound

        var contentType = ParameterizedHeader(value: defaultType, parameters: [:])
        if let field = headers.first(named: "Content-Type") {
            let parsed = ParameterizedHeader(field.rawValue)
            let pieces = parsed.value.split(separator: "/")
            if pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty, !parsed.value.contains(" ") {
                contentType = parsed
            } else {
                warn("unreadable Content-Type '\(String(parsed.value.prefix(40)))'; read as text/plain")
                contentType = ParameterizedHeader(value: "text/plain", parameters: parsed.parameters)
            }
        }
        let disposition = headers.first(named: "Content-Disposition").map { ParameterizedHeader($0.rawValue) }
        let transferEncoding = headers.first(named: "Content-Transfer-Encoding")
            .map { String(decoding: $0.rawValue, as: UTF8.self).trimmingASCIIWhitespace().lowercased() } ?? ""

        var entity = Entity(headers: headers, contentType: contentType, disposition: disposition, content: .opaque(size: 0))
        let mimeType = contentType.value

        if mimeType.hasPrefix("multipart/") {
            if let boundary = contentType.parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 {
                let childDefault = mimeType == "multipart/digest" ? "message/rfc822" : "text/plain"
                var children: [Entity] = []
                for partRange in try splitMultipart(buffer, body: body, boundary: Array(boundary.utf8)) {
                    children.append(try parseEntity(buffer, range: partRange, depth: depth + 1, defaultType: childDefault))
                }
                if children.isEmpty {
                    entity.contentType = ParameterizedHeader(value: "text/plain", parameters: [:])
                    entity.content = .text(decodeText(buffer, range: body, transferEncoding: transferEncoding, contentType: entity.contentType))
                } else {
                    entity.content = .multipart(children)
                }
                return entity
            }
            warn("multipart without a boundary; read as plain text")
            entity.contentType = ParameterizedHeader(value: "text/plain", parameters: [:])
            entity.content = .text(decodeText(buffer, range: body, transferEncoding: transferEncoding, contentType: entity.contentType))
            return entity
        }

        if mimeType == "message/rfc822" || mimeType == "message/global" {
            if transferEncoding == "base64" || transferEncoding == "quoted-printable" {
                let decoded = TransferDecoding.decode(UnsafeBufferPointer(rebasing: buffer[body]), encoding: transferEncoding)
                if let warning = decoded.warning { warn(warning) }
                let inner = try decoded.bytes.withUnsafeBufferPointer { inner in
                    try parseEntity(inner, range: 0..<inner.count, depth: depth + 1)
                }
                entity.content = .message(inner)
            } else {
                entity.content = .message(try parseEntity(buffer, range: body, depth: depth + 1))
            }
            return entity
        }

        if shouldRead(entity, size: body.count) {
            entity.content = .text(decodeText(buffer, range: body, transferEncoding: transferEncoding, contentType: contentType))
        } else {
            entity.content = .opaque(size: TransferDecoding.decodedSize(UnsafeBufferPointer(rebasing: buffer[body]), encoding: transferEncoding))
        }
        return entity
    }

    /// Body text of the message, HTML alternatives, and .txt attachments are read; the rest is
    /// only measured.
    private func shouldRead(_ entity: Entity, size: Int) -> Bool {
        let type = entity.mimeType
        if let name = entity.filename?.lowercased(), name.hasSuffix(".txt") {
            return size <= limits.maxTextAttachmentBytes * 2   // encoded size; base64 grows by 4/3
        }
        if type == "text/plain" || type == "text/html" {
            if entity.isAttachment && entity.filename != nil { return false }
            return true
        }
        return false
    }

    private mutating func decodeText(_ buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, transferEncoding: String,
                                     contentType: ParameterizedHeader) -> String {
        let decoded = TransferDecoding.decode(UnsafeBufferPointer(rebasing: buffer[range]), encoding: transferEncoding)
        if let warning = decoded.warning { warn(warning) }
        let bytes = decoded.bytes
        var charset = contentType.parameters["charset"]
        if charset == nil || charset?.isEmpty == true {
            // Unlabelled 8-bit text: UTF-8 if it validates, else the Windows default.
            charset = "utf-8"
        }
        let result = CharsetDecoder.decode(bytes, charset: charset)
        if let warning = result.warning { warn(warning) }
        var text = LineEndings.normalize(result.text)
        // NULs (after charset decoding: UTF-16 is full of zero bytes) would truncate C strings downstream.
        if TextScan.withBytes(text, { TextScan.contains(0, in: $0) }) {
            warn("NUL characters in text removed")
            text.removeAll { $0 == "\u{0}" }
        }
        if contentType.value == "text/plain", contentType.parameters["format"]?.lowercased() == "flowed" {
            text = FlowedText.unflow(text, deleteSpace: contentType.parameters["delsp"]?.lowercased() == "yes")
        }
        return text
    }

    // MARK: Headers

    private mutating func parseHeaders(_ buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>,
                                       isTopLevel: Bool) throws -> ([HeaderField], Int) {
        var headers: [HeaderField] = []
        var position = range.lowerBound
        var currentName: String?
        var currentValue: [UInt8] = []

        func finish() {
            if let name = currentName {
                while let last = currentValue.last, last.isASCIIWhitespace { currentValue.removeLast() }
                headers.append(HeaderField(name: name, rawValue: currentValue))
            }
            currentName = nil
            currentValue = []
        }

        while position < range.upperBound {
            if position - range.lowerBound > limits.maxHeaderBytes {
                throw MIMEError.limitExceeded(.headerBytes, actual: position - range.lowerBound, allowed: limits.maxHeaderBytes)
            }
            let lineEnd = ByteSearch.firstIndex(of: 0x0A, in: buffer, range: position..<range.upperBound) ?? range.upperBound
            let next = min(lineEnd + 1, range.upperBound)
            var contentEnd = lineEnd
            if contentEnd > position, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == position {   // blank line: end of headers
                finish()
                return (headers, next)
            }
            let first = buffer[position]
            if first == 0x20 || first == 0x09 {
                if currentName != nil {
                    currentValue.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<contentEnd]))
                } else if headers.isEmpty {
                    // Leading whitespace line before any header: a part with no headers.
                    warn("part begins with an indented line; read as body")
                    return (headers, position)
                }
                position = next
                continue
            }
            guard let colon = ByteSearch.firstIndex(of: UInt8(ascii: ":"), in: buffer, range: position..<contentEnd),
                  Self.isFieldName(buffer, position..<colon) else {
                if isTopLevel && headers.isEmpty && currentName == nil && Self.startsWithFromSpace(buffer, position, contentEnd) {
                    position = next   // mbox "From " separator line
                    continue
                }
                finish()
                if !headers.isEmpty || !isTopLevel {
                    if !headers.isEmpty { warn("header section ended without a blank line") }
                }
                return (headers, position)
            }
            finish()
            if headers.count >= limits.maxHeaderCount {
                throw MIMEError.limitExceeded(.headerCount, actual: headers.count + 1, allowed: limits.maxHeaderCount)
            }
            var nameEnd = colon
            while nameEnd > position, buffer[nameEnd - 1] == 0x20 || buffer[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            currentName = String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<nameEnd]), as: UTF8.self)
            var valueStart = colon + 1
            while valueStart < contentEnd, buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09 { valueStart += 1 }
            currentValue = Array(UnsafeBufferPointer(rebasing: buffer[valueStart..<contentEnd]))
            position = next
        }
        finish()
        if isTopLevel { warn("message has no body (truncated?)") }
        return (headers, range.upperBound)
    }

    private static func isFieldName(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound, buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09 { end -= 1 }
        guard end > range.lowerBound, end - range.lowerBound <= 200 else { return false }
        for index in range.lowerBound..<end where buffer[index] < 33 || buffer[index] > 126 { return false }
        return true
    }

    private static func startsWithFromSpace(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        end - start >= 5 && Array(UnsafeBufferPointer(rebasing: buffer[start..<(start + 5)])) == Array("From ".utf8)
    }

    // MARK: Multipart

    /// Ranges of the body parts between `--boundary` lines. Tolerates a missing close delimiter
    /// (the last part runs to the end) and trailing junk after the delimiter.
    private mutating func splitMultipart(_ buffer: UnsafeBufferPointer<UInt8>, body: Range<Int>, boundary: [UInt8]) throws -> [Range<Int>] {
        let delimiter = Array("--".utf8) + boundary
        var parts: [Range<Int>] = []
        var partStart: Int?
        var search = body.lowerBound
        var closed = false
        while search < body.upperBound,
              let match = ByteSearch.firstIndex(of: delimiter, in: buffer, range: search..<body.upperBound) {
            search = match + 1
            guard match == body.lowerBound || buffer[match - 1] == 0x0A else { continue }
            var after = match + delimiter.count
            var isClose = false
            if after + 1 < body.upperBound, buffer[after] == UInt8(ascii: "-"), buffer[after + 1] == UInt8(ascii: "-") {
                isClose = true
                after += 2
            }
            // The delimiter must end the line (transport padding allowed), else it is a longer
            // boundary that merely starts with ours.
            var lineEnd = after
            while lineEnd < body.upperBound, buffer[lineEnd] == 0x20 || buffer[lineEnd] == 0x09 || buffer[lineEnd] == 0x0D { lineEnd += 1 }
            guard lineEnd == body.upperBound || buffer[lineEnd] == 0x0A else { continue }
            if let start = partStart {
                var end = match
                if end > start, buffer[end - 1] == 0x0A { end -= 1 }
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                parts.append(start..<max(start, end))
                if parts.count > limits.maxPartCount {
                    throw MIMEError.limitExceeded(.partCount, actual: parts.count, allowed: limits.maxPartCount)
                }
            }
            let nextLine = min(lineEnd + 1, body.upperBound)
            if isClose {
                closed = true
                partStart = nil
                break
            }
            partStart = nextLine
            search = nextLine
        }
        if let start = partStart {
            warn("multipart boundary never closed; last part runs to the end")
            parts.append(start..<body.upperBound)
        } else if !closed && parts.isEmpty {
            warn("multipart boundary not found in the body")
        }
        return parts
    }
}
