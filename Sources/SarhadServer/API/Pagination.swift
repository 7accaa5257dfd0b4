import Foundation
import HTTPTypes
import Hummingbird

/// `?page=N&limit=M` of a list: pages count from 1, and a page holds at most `Store.maximumPageSize`
/// rows, so no list request reads the whole store. Answers say the total (`X-Total-Count`) and
/// link the next and previous pages (`Link`), so a client cannot mistake one page for everything.
struct Pagination: Sendable, Equatable {
    static let defaultLimit = 100

    var page: Int
    var limit: Int

    var offset: Int { (page - 1) * limit }

    init(page: Int = 1, limit: Int = Pagination.defaultLimit) {
        self.page = page
        self.limit = limit
    }

    init(_ request: Request, defaultLimit: Int = Pagination.defaultLimit) throws(APIError) {
        let query = request.uri.queryParameters
        page = try Pagination.number(query["page"].map(String.init), name: "page", default: 1, range: 1...1_000_000_000)
        limit = try Pagination.number(query["limit"].map(String.init), name: "limit", default: defaultLimit,
                                      range: 1...Store.maximumPageSize)
    }

    static func number(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(.badRequest, code: "bad_request",
                           message: "`\(name)` is \"\(text)\"; expected a whole number from \(range.lowerBound) to \(range.upperBound).",
                           key: name, field: name)
        }
        return number
    }

    func hasNext(total: Int) -> Bool { offset + limit < total }

    /// `X-Total-Count` and `Link` for a page of `path`.
    func headers(path: String, total: Int) -> HTTPFields {
        var links = [String]()
        if hasNext(total: total) { links.append("<\(path)?page=\(page + 1)&limit=\(limit)>; rel=\"next\"") }
        if page > 1 { links.append("<\(path)?page=\(page - 1)&limit=\(limit)>; rel=\"prev\"") }
        var fields: HTTPFields = [HTTPField.Name("X-Total-Count")!: String(total)]
        if !links.isEmpty { fields[HTTPField.Name("Link")!] = links.joined(separator: ", ") }
        return fields
    }
}
