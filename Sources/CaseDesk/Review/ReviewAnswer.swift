/// What a consultant said about a draft.
public enum ReviewAnswer: Sendable, Equatable {
    /// Send the draft; `editedBlock` is the text between the markers when the answer carries one
    /// (it may equal the draft: the caller compares, see `ReviewAnswerParser.isEdited`).
    case approve(editedBlock: String?)
    case reject(reason: String)
    /// Leaves the case pending; the reason goes back to the consultant.
    case notUnderstood(reason: String)
}
