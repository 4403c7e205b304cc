import Foundation

/// Reply text brought to one written form for the lint, so one list of phrases serves every
/// writing: Traditional characters become Simplified (ICU's Hant-Hans), full-width letters and
/// digits ASCII, letters lower case; spaces (ASCII, ideographic, no-break, line breaks) next to a
/// Chinese character are dropped and runs of them between words become one, so `這不關 我們的事`
/// and `ＮＯ　ＷＡＹ` match `这不关我们的事` and `no way`, while `I know a year ago` stays three words
/// apart from `no way`.
///
/// Each character of the normal form remembers where it came from, so a finding quotes and points
/// at the text as the person wrote it.
struct LintText {
    /// The normal form, as characters.
    let characters: [Character]
    /// For each character of ``characters``, the range of the original text it came from.
    let origins: [Range<String.Index>]

    /// The normal form of a phrase (no positions kept).
    static func normal(_ phrase: String) -> String {
        String(LintText(phrase).characters)
    }

    /// Whether a character is written without spaces around it: Chinese, Japanese, Korean, and
    /// their punctuation.
    static func isCJK(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return (0x2E80...0x9FFF).contains(value) || (0xAC00...0xD7AF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFFEF).contains(value) || (0x20000...0x2FA1F).contains(value)
    }

    /// Normalises `text`.
    init(_ text: String) {
        var characters: [Character] = []
        var origins: [Range<String.Index>] = []
        var pendingSpace: Range<String.Index>?
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let character = text[index]
            if character.isWhitespace {
                if pendingSpace == nil { pendingSpace = index..<next }
                index = next
                continue
            }
            var scalars = String.UnicodeScalarView()
            for scalar in character.unicodeScalars {
                var value = scalar.value
                if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }    // full-width ASCII
                scalars.append(Unicode.Scalar(value) ?? scalar)
            }
            for folded in String(scalars).lowercased() {
                // A space stays (as one) only between two characters written with spaces.
                if let space = pendingSpace, let previous = characters.last, !Self.isCJK(previous), !Self.isCJK(folded) {
                    characters.append(" ")
                    origins.append(space)
                }
                pendingSpace = nil
                characters.append(folded)
                origins.append(index..<next)
            }
            index = next
        }
        // Hant-Hans maps character for character; where it would not, each character goes alone.
        let joined = String(characters)
        if let simplified = joined.applyingTransform(StringTransform("Hant-Hans"), reverse: false), simplified.count == characters.count {
            characters = Array(simplified)
        } else {
            characters = characters.map { character in
                let single = String(character).applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? String(character)
                return single.count == 1 ? Character(single) : character
            }
        }
        self.characters = characters
        self.origins = origins
    }

    /// The original ranges where `phrase` (in normal form) occurs, without overlaps.
    func ranges(of phrase: [Character]) -> [Range<String.Index>] {
        guard !phrase.isEmpty, phrase.count <= characters.count else { return [] }
        var found: [Range<String.Index>] = []
        var start = 0
        while start + phrase.count <= characters.count {
            if characters[start] == phrase[0], Array(characters[start..<(start + phrase.count)]) == phrase {
                found.append(origins[start].lowerBound..<origins[start + phrase.count - 1].upperBound)
                start += phrase.count
            } else {
                start += 1
            }
        }
        return found
    }

    /// Whether `phrase` (in normal form) occurs.
    func contains(_ phrase: [Character]) -> Bool { !ranges(of: phrase).isEmpty }
}
