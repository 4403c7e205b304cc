import Foundation
import Glibc
import OmbudCore

/// Turns page bytes into UTF-8 text: the charset comes from the HTTP header, else a byte-order
/// mark, else the page's `<meta charset>` / `http-equiv`, else UTF-8 (GB18030 when the bytes are
/// not UTF-8). Bytes the charset cannot decode become U+FFFD: a bad byte never truncates a page.
///
/// GBK and GB2312 labels decode as GB18030 (their superset), Big5 as Big5-HKSCS.
public enum CharsetDecoder {
    /// The decoded text, the charset used and how many bytes were replaced.
    public struct Result: Sendable, Hashable {
        /// The text.
        public var text: String
        /// The iconv name of the charset used (`UTF-8`, `GB18030`, `BIG5-HKSCS`).
        public var charset: String
        /// How many undecodable byte sequences became U+FFFD.
        public var replacements: Int
    }

    /// The charset `bytes` are in and where the text starts (after a byte-order mark), when they
    /// are already valid UTF-8 and need no conversion; nil otherwise.
    public static func validUTF8(_ bytes: [UInt8], declared: String?) -> Int? {
        var start = 0
        if let bom = byteOrderMark(bytes) {
            guard bom.0 == "UTF-8" else { return nil }
            start = bom.1
        } else if let declared {
            guard iconvName(declared) == "UTF-8" else { return nil }
        } else if let meta = metaCharset(bytes), iconvName(meta) != "UTF-8" {
            return nil
        }
        return isValidUTF8(bytes[start...]) ? start : nil
    }

    /// Checks UTF-8 without building a string: ASCII runs are skipped eight bytes at a time.
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                if index + 8 <= count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { index += 8; continue }
                }
                let lead = buffer[index]
                let length: Int
                switch lead {
                case 0x00...0x7F: index += 1; continue
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: return false
                }
                guard index + length <= count else { return false }
                for offset in 1..<length where buffer[index + offset] & 0xC0 != 0x80 { return false }
                let second = buffer[index + 1]
                if lead == 0xE0 && second < 0xA0 { return false }   // overlong
                if lead == 0xED && second > 0x9F { return false }   // surrogates
                if lead == 0xF0 && second < 0x90 { return false }   // overlong
                if lead == 0xF4 && second > 0x8F { return false }   // above U+10FFFF
                index += length
            }
            return true
        }
    }

    /// Decodes `bytes`; `declared` is the HTTP header's charset, if any.
    public static func decode(_ bytes: [UInt8], declared: String?) -> Result {
        var start = 0
        var charset: String
        if let bom = byteOrderMark(bytes) {
            (charset, start) = bom
        } else if let declared, let name = iconvName(declared) {
            charset = name
        } else if let meta = metaCharset(bytes), let name = iconvName(meta) {
            charset = name
        } else {
            charset = String(validating: bytes, as: UTF8.self) != nil ? "UTF-8" : "GB18030"
        }
        let body = Array(bytes[start...])
        if charset == "UTF-8" {
            if let valid = String(validating: body, as: UTF8.self) { return Result(text: valid, charset: charset, replacements: 0) }
            let text = String(decoding: body, as: UTF8.self)
            return Result(text: text, charset: charset, replacements: text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count)
        }
        guard let converted = IconvConverter(from: charset)?.convert(body) else {
            // An encoding iconv does not know: read it as UTF-8 with replacements rather than fail.
            return decode(body, declared: "utf-8")
        }
        return Result(text: converted.text, charset: charset, replacements: converted.replacements)
    }

    /// The iconv name for a charset label, or nil when iconv cannot decode it.
    static func iconvName(_ label: String) -> String? {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'"))).lowercased()
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5", "cn-big5": return "BIG5-HKSCS"
        case "iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252": return "WINDOWS-1252"
        default:
            guard !label.isEmpty, IconvConverter(from: label.uppercased()) != nil else { return nil }
            return label.uppercased()
        }
    }

    private static func byteOrderMark(_ bytes: [UInt8]) -> (String, Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        return nil
    }

    private static let metaPattern = try! TextPattern(#"<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)"#, caseInsensitive: true)

    /// The charset a `<meta>` tag declares in the first 4 KiB (read as ASCII).
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
        return metaPattern.extract(from: head)
    }
}

/// Owns an iconv conversion descriptor to UTF-8 and closes it on deinit.
final class IconvConverter {
    private let descriptor: iconv_t

    /// Opens a converter from `charset`, or nil when iconv does not know it.
    init?(from charset: String) {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    /// Converts all of `bytes`, replacing each undecodable sequence by U+FFFD.
    func convert(_ bytes: [UInt8]) -> (text: String, replacements: Int) {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var replacements = 0
        var input = bytes
        var chunk = [UInt8](repeating: 0, count: 16_384)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
            var inLeft = inputBuffer.count
            while inLeft > 0 {
                let (result, produced) = chunk.withUnsafeMutableBufferPointer { outBuffer -> (Int, Int) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, outBuffer.count - outLeft)
                }
                output.append(contentsOf: chunk[0..<produced])
                if result == -1 {
                    switch errno {
                    case E2BIG:
                        continue
                    case EILSEQ, EINVAL:
                        // Skip one byte of the bad sequence; an incomplete sequence at the end ends the input.
                        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        replacements += 1
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    default:
                        inLeft = 0
                    }
                }
            }
        }
        return (String(decoding: output, as: UTF8.self), replacements)
    }
}
