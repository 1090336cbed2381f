import CCurl
import Foundation

/// One libcurl easy handle and the state its callbacks fill. The handle keeps its connection
/// (and IMAP login) alive between transfers, so an IMAP session reuses one for everything.
///
/// The callbacks are `@convention(c)` closures that capture nothing; they find the state through
/// the `Unmanaged` pointer passed in the *DATA options, which stays valid because the handle owns
/// the state for its whole life.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    let transfer = CurlTransferState()
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// slists must outlive every transfer that uses them: freed when replaced or in deinit.
    private var lists: [UInt32: UnsafeMutablePointer<curl_slist>] = [:]
    /// Connections opened by all transfers so far (CURLINFO_NUM_CONNECTS summed).
    private(set) var connectionsOpened = 0

    init() throws {
        _ = CurlGlobal.initialized
        guard let handle = curl_easy_init() else {
            throw MailTransportError(.io, "libcurl could not create a handle (out of memory?)")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let context = Unmanaged.passUnretained(transfer).toOpaque()
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        try check(ccurl_setopt_pointer(handle, CURLOPT_READDATA, context))
        try check(ccurl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context))
        try check(ccurl_setopt_write_function(handle, curlWriteBody))
        try check(ccurl_setopt_header_function(handle, curlWriteHeader))
        try check(ccurl_setopt_read_function(handle, curlReadUpload))
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)))
        // Signals cannot be used for timeouts in a multi-threaded process.
        try set(CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists.values { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_setopt_long(handle, option, value))
    }

    func set(_ option: CURLoption, _ value: String?) throws {
        if let value {
            try check(value.withCString { ccurl_setopt_string(handle, option, $0) })   // curl copies strings
        } else {
            try check(ccurl_setopt_string(handle, option, nil))
        }
    }

    func set(_ option: CURLoption, offset value: Int64) throws {
        try check(ccurl_setopt_off(handle, option, curl_off_t(value)))
    }

    func set(_ option: CURLoption, list values: [String]) throws {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw MailTransportError(.io, "libcurl could not build a list (out of memory?)")
            }
            list = appended
        }
        try check(ccurl_setopt_slist(handle, option, list))
        if let old = lists[option.rawValue] { curl_slist_free_all(old) }
        lists[option.rawValue] = list
    }

    /// Records the commands curl sends and the replies it gets (needed to pair SMTP replies with
    /// recipients). Credentials in AUTH lines are never stored: see `curlDebug`.
    func recordProtocolExchange() throws {
        try check(ccurl_setopt_debug_function(handle, curlDebug))
        try set(CURLOPT_VERBOSE, 1)
    }

    /// Runs one transfer; the state is reset first.
    func perform(upload: Data? = nil) -> CurlOutcome {
        transfer.reset(upload: upload)
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        var connects = 0
        if ccurl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK {
            connectionsOpened += connects
        }
        if code == CURLE_OK { return CurlOutcome(code: code, detail: "") }
        let buffered = String(cString: errorBuffer)
        let detail = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
        return CurlOutcome(code: code, detail: detail)
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else {
            // An option this libcurl does not know: the installed libcurl is too old or built without it.
            throw MailTransportError(.invalidConfiguration,
                "libcurl refused an option (\(String(cString: curl_easy_strerror(code)))): install libcurl 7.88 or newer with IMAP, SMTP and TLS")
        }
    }
}

struct CurlOutcome {
    var code: CURLcode
    /// curl's own description; never contains credentials (curl does not echo them).
    var detail: String
    var succeeded: Bool { code == CURLE_OK }
}

enum CurlGlobal {
    /// curl_global_init is not thread-safe; a Swift static is initialised exactly once.
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}

/// What one transfer produced.
final class CurlTransferState {
    var body = Data()
    /// Every protocol line the server sent (IMAP untagged and tagged responses, SMTP replies),
    /// without line endings.
    var serverLines: [String] = []
    /// SMTP only (with `recordProtocolExchange`): commands sent and replies received, in order.
    var exchange: [ProtocolEvent] = []
    var upload = Data()
    var uploadOffset = 0

    func reset(upload: Data?) {
        body.removeAll(keepingCapacity: true)
        serverLines.removeAll(keepingCapacity: true)
        exchange.removeAll(keepingCapacity: true)
        self.upload = upload ?? Data()
        uploadOffset = 0
    }
}

enum ProtocolEvent: Equatable {
    /// A command whose text is safe to keep (MAIL FROM, RCPT TO, DATA…); AUTH is recorded as "AUTH".
    case command(String)
    case reply(String)
}

private func state(_ context: UnsafeMutableRawPointer?) -> CurlTransferState {
    Unmanaged<CurlTransferState>.fromOpaque(context!).takeUnretainedValue()
}

private let curlWriteBody: ccurl_data_callback = { buffer, size, count, context in
    let length = size * count
    if let buffer, length > 0 {
        state(context).body.append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
    }
    return length
}

private let curlWriteHeader: ccurl_data_callback = { buffer, size, count, context in
    let length = size * count
    if let buffer, length > 0 {
        var bytes = UnsafeRawBufferPointer(start: buffer, count: length)[...]
        // Strip the line ending on bytes: in a Swift String "\r\n" is one Character.
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        state(context).serverLines.append(String(decoding: bytes, as: UTF8.self))
    }
    return length
}

private let curlReadUpload: ccurl_data_callback = { buffer, size, count, context in
    let transfer = state(context)
    let room = size * count
    let remaining = transfer.upload.count - transfer.uploadOffset
    let length = min(room, remaining)
    guard let buffer, length > 0 else { return 0 }
    let start = transfer.upload.startIndex + transfer.uploadOffset
    transfer.upload.copyBytes(to: UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                              from: start..<(start + length))
    transfer.uploadOffset += length
    return length
}

private let curlDebug: ccurl_debug_callback = { _, type, data, size, context in
    guard let data, size > 0 else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    let transfer = state(context)
    if type == CURLINFO_HEADER_OUT {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init) {
            let upper = line.uppercased()
            // Only envelope commands are kept: AUTH lines carry encoded credentials.
            if upper.hasPrefix("MAIL FROM:") || upper.hasPrefix("RCPT TO:") || upper == "DATA" || upper.hasPrefix("EHLO") || upper == "STARTTLS" || upper == "QUIT" {
                transfer.exchange.append(.command(line))
            } else if !line.isEmpty {
                transfer.exchange.append(.command(upper.hasPrefix("AUTH") ? "AUTH" : "OTHER"))
            }
        }
    } else if type == CURLINFO_HEADER_IN {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init) {
            transfer.exchange.append(.reply(line))
        }
    }
    return 0
}
