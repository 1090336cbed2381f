// Templating: logic-less Mustache-style templates; see docs/interfaces.md.
