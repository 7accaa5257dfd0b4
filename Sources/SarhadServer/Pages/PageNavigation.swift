/// "Runs 51–100 of 320 · newer · older": where a paginated page is in its list, with links to
/// the neighbouring pages.
struct PageNavigation {
    let pagination: Pagination
    let total: Int
    let path: String
    /// What the previous and next pages hold, as the list is ordered ("newer", "older").
    let previousLabel: String
    let nextLabel: String

    var html: String {
        guard total > pagination.limit || pagination.page > 1 else { return "" }
        let first = min(total, pagination.offset + 1)
        let last = min(total, pagination.offset + pagination.limit)
        var parts = ["\(first)–\(last) of \(total)"]
        if pagination.page > 1 {
            parts.append("<a href=\"\(path)?page=\(pagination.page - 1)&amp;limit=\(pagination.limit)\">\(previousLabel)</a>")
        }
        if pagination.hasNext(total: total) {
            parts.append("<a href=\"\(path)?page=\(pagination.page + 1)&amp;limit=\(pagination.limit)\">\(nextLabel)</a>")
        }
        return "<p class=\"hint\">" + parts.joined(separator: " · ") + "</p>"
    }
}
