import Foundation

/// memchr/memmem over buffer ranges: the parser's hot loops, kept in C speed.
enum ByteSearch {
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
        guard !range.isEmpty, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// memchr for the first byte, then a compare: boundaries are short, and memmem is a GNU
    /// extension Glibc's Swift overlay does not export.
    static func firstIndex(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
        guard !needle.isEmpty, range.count >= needle.count, let base = buffer.baseAddress else { return nil }
        let last = range.upperBound - needle.count
        var position = range.lowerBound
        return needle.withUnsafeBytes { needleBytes -> Int? in
            while position <= last {
                guard let found = memchr(base + position, Int32(needle[0]), last - position + 1) else { return nil }
                let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if memcmp(base + index, needleBytes.baseAddress!, needle.count) == 0 { return index }
                position = index + 1
            }
            return nil
        }
    }
}
