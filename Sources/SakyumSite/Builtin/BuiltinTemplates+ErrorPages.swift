extension BuiltinTemplates {
    /// `errors/CODE.html` for every status the Site renders a page for.
    static let errorPages: [String: String] = Dictionary(
        uniqueKeysWithValues: ErrorPage.all.map { ("errors/\($0.code).html", $0.template) }
    )
}

/// One built-in error page: its status, a friendly heading and one helpful sentence.
private struct ErrorPage {
    /// The links under the message.
    enum Actions {
        /// A link to the project's home page.
        case home
        /// A log-in link that comes back to this page, then home.
        case login
        /// A link that repeats the request, then home: for errors that pass.
        case retry
    }

    var code: Int
    /// The HTTP reason phrase.
    var name: String
    var title: String
    var message: String
    var actions: Actions

    static let all: [ErrorPage] = [
        ErrorPage(code: 400, name: "Bad Request", title: "That request could not be understood", message: "The server could not make sense of what your browser sent. Check the address, or the form you submitted, and try again.", actions: .home),
        ErrorPage(code: 401, name: "Unauthorized", title: "Please log in", message: "You need to be logged in to see this page.", actions: .login),
        ErrorPage(code: 403, name: "Forbidden", title: "You do not have access to this page", message: "Your account is not allowed to open this page. If you think it should be, ask the site's administrator.", actions: .home),
        ErrorPage(code: 404, name: "Not Found", title: "Page not found", message: "There is no page at this address. It may have moved, or the address may be mistyped.", actions: .home),
        ErrorPage(code: 405, name: "Method Not Allowed", title: "This page does not take that request", message: "This address exists, but not for the kind of request your browser sent. Go back and use the page's own links and forms.", actions: .home),
        ErrorPage(code: 406, name: "Not Acceptable", title: "That format is not available", message: "This page cannot be sent in any of the formats your browser asked for.", actions: .home),
        ErrorPage(code: 409, name: "Conflict", title: "That change conflicts with other data", message: "The change could not be made as it stands, because of other data that depends on it.", actions: .home),
        ErrorPage(code: 413, name: "Content Too Large", title: "That is too large", message: "What you sent is larger than this site accepts. Choose a smaller file and try again.", actions: .home),
        ErrorPage(code: 415, name: "Unsupported Media Type", title: "That kind of data is not accepted", message: "The data you sent is in a format this page does not accept, such as a file type that is not allowed.", actions: .home),
        ErrorPage(code: 429, name: "Too Many Requests", title: "Slow down a little", message: "You have sent too many requests in a short time. Wait a moment, then try again.", actions: .retry),
        ErrorPage(code: 500, name: "Internal Server Error", title: "Something went wrong", message: "An error occurred on our side while preparing this page. It has been logged; please try again later.", actions: .home),
        ErrorPage(code: 501, name: "Not Implemented", title: "Not supported here", message: "This site does not support what your browser asked it to do at this address.", actions: .home),
        ErrorPage(code: 502, name: "Bad Gateway", title: "A service did not answer properly", message: "A server this site depends on sent an invalid answer. Please try again in a moment.", actions: .retry),
        ErrorPage(code: 503, name: "Service Unavailable", title: "Temporarily unavailable", message: "The site cannot handle your request right now, because of maintenance or heavy load. Please try again shortly.", actions: .retry),
        ErrorPage(code: 504, name: "Gateway Timeout", title: "A service took too long", message: "A server this site depends on did not answer in time. Please try again in a moment.", actions: .retry),
    ]

    var template: String {
        """
        {% extends "errors/layout.html" %}
        {% set status_code = \(code) %}
        {% set status_name = "\(name)" %}
        {% set status_title = "\(title)" %}

        {% block message %}\(message){% endblock %}
        \(actionsBlock)
        """
    }

    private var actionsBlock: String {
        switch actions {
        case .home:
            return ""
        case .login:
            return """

            {% block actions %}
            {% if request is defined %}
            <a class="button" href="{{ request.script_root }}/login/?next={{ (request.script_root ~ request.full_path)|urlencode }}">Log in</a>
            <a class="button button-secondary" href="{{ request.script_root }}/">Go to the home page</a>
            {% endif %}
            {% endblock %}

            """
        case .retry:
            return """

            {% block actions %}
            {% if request is defined %}
            <a class="button" href="{{ request.script_root }}{{ request.full_path }}">Try again</a>
            <a class="button button-secondary" href="{{ request.script_root }}/">Go to the home page</a>
            {% endif %}
            {% endblock %}

            """
        }
    }
}
