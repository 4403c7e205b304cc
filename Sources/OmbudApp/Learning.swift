import Foundation
import OmbudConfig
import OmbudCore
import OmbudLearn
import OmbudStore
import OmbudTriage

/// Where `ombud learn` gets its examples and how it scores a model: labeled corpora read as
/// threads, staff decisions from the store, a held-back split by thread.
public enum Learning {
    /// Training examples from labeled posts, each read in its thread as labeled (the labels of the
    /// posts before it give its context). Posts by official accounts are left out: the rules
    /// settle those. A post whose corpus row has no `flags` field trains no flag head.
    public static func examples(from labels: [LabeledPost]) -> [ModelTrainer.Example] {
        var examples: [ModelTrainer.Example] = []
        for thread in LabeledPost.threads(labels) {
            var context = ThreadContext.opening
            for label in thread {
                context.author = label.author
                let gold = Assessment(post: PostKey(source: "corpus", id: label.id), isComplaint: label.isComplaint, score: 0,
                                      categories: label.categories, flags: Set(label.flags.compactMap(Flag.init(rawValue:))),
                                      issues: [], reasons: [])
                if !label.authorIsOfficial {
                    examples.append(ModelTrainer.Example(
                        text: label.text, context: context, isComplaint: label.isComplaint, flags: Set(label.flags),
                        category: label.isComplaint ? label.categories.first.map { (label.taxonomy, $0) } : nil,
                        flagsKnown: label.flagsLabeled))
                }
                context = context.adding(gold, official: label.authorIsOfficial)
            }
        }
        return examples
    }

    /// Examples from people's decisions in `store`: the posts of a case dismissed as "not a
    /// complaint" are not complaints; those of a case with an approved reply are complaints of the
    /// case's category (which a person may have changed). Each post is read in its thread's context
    /// as the store has it (the verdicts on the posts before it), never from its own label. Flags
    /// are not taught from the store. `taxonomy` gives a source's lexicon.
    public static func examples(from store: any Store, taxonomy: (String) -> String) throws -> [ModelTrainer.Example] {
        var examples: [ModelTrainer.Example] = []
        var contexts: [PostKey: ThreadContext] = [:]
        func context(of post: Post) throws -> ThreadContext {
            if let known = contexts[post.key] { return known }
            var context = ThreadContext.opening
            for (earlier, assessment) in try store.thread(source: post.source, threadID: post.threadID) {
                context.isOpening = earlier.isOpening
                context.author = earlier.authorID
                contexts[earlier.key] = context
                guard let assessment else { continue }
                context = context.adding(assessment, official: assessment.isOurs)
            }
            return contexts[post.key] ?? (post.isOpening ? .opening : .reply())
        }
        for subject in try store.cases() {
            let approved = try subject.status != .notComplaint && store.drafts(caseID: subject.id).contains(where: \.isApproved)
            guard subject.status == .notComplaint || approved else { continue }
            let posts = try store.posts(subject.members.map(\.post))
            for member in subject.members {
                guard let post = posts[member.post] else { continue }
                let text = post.isOpening ? post.threadTitle + "\n" + post.text : post.text
                examples.append(ModelTrainer.Example(
                    text: text, context: try context(of: post), isComplaint: approved, flags: [],
                    category: approved ? (taxonomy(post.source), subject.category) : nil, flagsKnown: false))
            }
        }
        return examples
    }

    /// Splits `labels` by thread: about one thread in `every` is held back (chosen by a digest of
    /// the thread id, so the split never changes), the rest is for training.
    public static func split(_ labels: [LabeledPost], every: UInt64 = 5) -> (train: [LabeledPost], held: [LabeledPost]) {
        var train: [LabeledPost] = [], held: [LabeledPost] = []
        for label in labels {
            if FNV1a.digest(label.thread ?? label.id) % every == 0 { held.append(label) } else { train.append(label) }
        }
        return (train, held)
    }
}
