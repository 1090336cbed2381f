/// Damages a raw message the way broken clients, truncated transfers and hostile senders do:
/// byte flips, deletions, duplicated ranges, truncation, inserted MIME and header fragments.
/// Shared by the mutation test (no crash, no hang) and the benchmark's `--dump` (the optimised
/// parser must give byte-identical output on the same mutated inputs).
public enum MessageMutator {
    public static let boundaryAndHeaderFragments: [[UInt8]] = [
        "\r\n--", "\r\n\r\n", "=?utf-8?B?", "Content-Type: multipart/mixed; boundary=x\r\n", "--x\r\n",
        "=\r\n", "<", "&#", "\u{0}", "Content-Transfer-Encoding: base64\r\n", ">", "\r\n ",
    ].map { Array($0.utf8) }

    /// One to eight mutations of `message`, drawn from `random`.
    public static func mutate(_ message: [UInt8], fragments: [[UInt8]] = boundaryAndHeaderFragments,
                              using random: inout SeededRandom) -> [UInt8] {
        var bytes = message
        for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
            let position = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...200, using: &random)))
            case 2:
                let end = min(bytes.count, position + Int.random(in: 1...300, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 3: bytes.removeSubrange(position...)
            case 4: bytes.insert(contentsOf: fragments.randomElement(using: &random)!, at: position)
            default: bytes[position] = [0x0D, 0x0A, 0x3D, 0x2D, 0x3A, 0x3F][Int.random(in: 0..<6, using: &random)]
            }
        }
        return bytes
    }
}
