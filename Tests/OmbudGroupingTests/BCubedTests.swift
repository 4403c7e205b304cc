import OmbudGrouping
import Testing

@Suite("B-cubed scoring")
struct BCubedTests {
    @Test("a perfect clustering scores 1 on both sides")
    func perfect() {
        let gold = ["a": "x", "b": "x", "c": "y"]
        let score = BCubed(gold: gold, predicted: ["a": "1", "b": "1", "c": "2"])
        #expect(score.precision == 1)
        #expect(score.recall == 1)
        #expect(score.items == 3)
    }

    @Test("merging two events costs precision, splitting one costs recall")
    func mergeAndSplit() {
        let gold = ["a": "x", "b": "x", "c": "y", "d": "y"]
        let merged = BCubed(gold: gold, predicted: ["a": "1", "b": "1", "c": "1", "d": "1"])
        #expect(merged.precision == 0.5)
        #expect(merged.recall == 1)
        let split = BCubed(gold: gold, predicted: ["a": "1", "b": "2", "c": "3", "d": "3"])
        #expect(split.precision == 1)
        #expect(split.recall == 0.75)
        #expect(abs(split.f1 - 2 * 0.75 / 1.75) < 1e-12)
    }

    @Test("an item the grouper never placed counts as its own cluster")
    func missingItemIsSingleton() {
        let score = BCubed(gold: ["a": "x", "b": "x"], predicted: ["a": "1"])
        #expect(score.precision == 1)
        #expect(score.recall == 0.5)
    }
}
