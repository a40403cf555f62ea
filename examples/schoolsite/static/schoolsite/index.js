// Scripts of schoolsite, served at /static/schoolsite/index.js and loaded
// with `defer`, so the page is parsed when this runs.
"use strict";
