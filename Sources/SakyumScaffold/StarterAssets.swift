/// The starting static files of a blueprint: static/NAME/style.css and static/NAME/index.js.
enum StarterAssets {
    /// static/NAME/style.css, loaded after the built-in stylesheet so its rules win.
    static func styleSheet(blueprint: String) -> String {
        """
        /* Styles of \(blueprint), served at /static/\(blueprint)/style.css.
           The built-in stylesheet (/static/default/style.css) is loaded first; rules here
           override it. Images put in static/\(blueprint)/media/ are at ./media/NAME. */

        """
    }

    /// static/NAME/index.js, loaded at the end of the page.
    static func script(blueprint: String) -> String {
        """
        // Scripts of \(blueprint), served at /static/\(blueprint)/index.js and loaded
        // with `defer`, so the page is parsed when this runs.
        "use strict";

        """
    }
}
