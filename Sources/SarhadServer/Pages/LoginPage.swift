/// Asks for the server's token once; the answer is kept in a cookie so links and progress events work.
enum LoginPage {
    static func render(failed: Bool = false) -> String {
        PageHTML.page(title: "Token", body: """
            <h1>This dashboard needs its token</h1>
            <p>It was given to the server with <code>--token</code> or <code>SARHAD_TOKEN</code>.</p>
            \(failed ? "<p class=\"error\">That is not the token.</p>" : "")
            <form method="post" action="/login"><p><label>Token <input type="password" name="token" style="width:20em"></label>
            <button type="submit">Enter</button></p></form>
            """)
    }
}
