// Scripts of exam, served at /static/exam/index.js and loaded
// with `defer`, so the page is parsed when this runs.
"use strict";
