/// Asks for the server's token once; a session cookie (holding a random session id, not the token)
/// then lets links and progress events through.
enum LoginPage {
    static func render(problem: String? = nil) -> String {
        PageHTML.page(title: "Token", body: """
            <h1>This dashboard needs its token</h1>
            <p>It was given to the server with <code>--token</code> or <code>SARHAD_TOKEN</code>.</p>
            \(problem.map { "<p class=\"error\">\(PageHTML.escaped($0))</p>" } ?? "")
            <form method="post" action="/login"><p><label>Token <input type="password" name="token" style="width:20em"></label>
            <button type="submit">Enter</button></p></form>
            """)
    }
}
