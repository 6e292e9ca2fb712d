/** A validation Report as text, JSON, JUnit XML or GitHub workflow commands: pure functions returning strings. */
export { renderGithub, escapeData, escapeProperty, type GithubOptions } from "./github.js";
export { renderJson } from "./json.js";
export { renderJunit, type JunitOptions } from "./junit.js";
export { summaryLine } from "./summary.js";
export { renderText, type TextOptions } from "./text.js";
