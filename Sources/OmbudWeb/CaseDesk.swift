import OmbudCore

/// What the dashboard lets people do to drafts: the seam to the server-side desk, which checks
/// every rule itself (fakes in tests).
public protocol CaseDesk: Sendable {
    /// Replaces a draft's text; the result carries its lint findings.
    func edit(caseID: String, thread: ThreadRef, text: String, by account: Account) throws -> Draft
    /// Approves a draft, or throws ``OmbudError`` `approval.*` saying why not.
    func approve(caseID: String, thread: ThreadRef, by account: Account) throws -> Draft
    /// Sends a draft back with a reason.
    func reject(caseID: String, thread: ThreadRef, reason: String, by account: Account) throws -> Draft
    /// Posts an approved draft through its source's poster; the case waits for the crawler to see it.
    func post(caseID: String, thread: ThreadRef, by account: Account) async throws -> Case
    /// Records that a person posted an approved draft at `url` (the manual poster); the case waits
    /// for the crawler to see it.
    func markPosted(caseID: String, thread: ThreadRef, url: String, by account: Account) throws -> Case
    /// Records that a person sees the sent reply in its thread at `url` (where the crawler cannot):
    /// the case is answered now and its clock stops.
    func confirmSeen(caseID: String, thread: ThreadRef, url: String, by account: Account) throws -> Case
    /// Makes another account answerable for the case.
    func reassign(caseID: String, to owner: String, by account: Account) throws -> Case
    /// Records that the case is not a complaint.
    func markNotComplaint(caseID: String, reason: String, by account: Account) throws -> Case
    /// Merges other cases into this one.
    func merge(_ caseIDs: [String], into targetID: String, by account: Account) throws -> Case
    /// Moves posts out of a case into a new one.
    func split(_ caseID: String, moving posts: [PostKey], by account: Account) throws -> (remaining: Case, split: Case)
}

/// Checks a password against an account (bcrypt, in the app; the seam keeps it out of the web module).
public protocol PasswordChecker: Sendable {
    /// Whether `password` is the account's; a disabled account never matches. With no account
    /// (an unknown name) it spends as long as a real check and answers false, so a login's time
    /// does not tell which names exist.
    func verify(_ password: String, for account: Account?) -> Bool
}
