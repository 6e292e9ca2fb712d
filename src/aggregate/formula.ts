import { ReportingError } from "../errors/reporting-error.js";

/** A parsed formula: numbers, `{code}` references, + - * /, unary minus, parentheses. */
export type Expr =
  | { type: "number"; value: number }
  | { type: "ref"; code: string }
  | { type: "negate"; operand: Expr }
  | { type: "binary"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr };

type Token = { type: "number"; value: number; at: number } | { type: "ref"; code: string; at: number } | { type: "op"; op: string; at: number };

/**
 * Parse a formula without `eval`. Throws `project-invalid` naming `path` and the position of the problem.
 * @example parseFormula("100 * {1.2.placed} / {1.2.graduated}", "…formula")
 */
export function parseFormula(text: string, path: string): Expr {
  const tokens = tokenize(text, path);
  let pos = 0;
  const fail = (what: string, at: number): never => {
    throw new ReportingError("project-invalid", `${path}: ${what} at character ${at + 1} of ${JSON.stringify(text)}`, "A formula uses {code} references, numbers, + - * / and parentheses.");
  };
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (t: Token | undefined, ...ops: string[]): boolean => t?.type === "op" && ops.includes(t.op);

  // expression := term (("+" | "-") term)*; term := unary (("*" | "/") unary)*; unary := "-" unary | primary
  const expression = (): Expr => {
    let left = term();
    while (isOp(peek(), "+", "-")) {
      const op = (tokens[pos++] as { op: "+" | "-" }).op;
      left = { type: "binary", op, left, right: term() };
    }
    return left;
  };
  const term = (): Expr => {
    let left = unary();
    while (isOp(peek(), "*", "/")) {
      const op = (tokens[pos++] as { op: "*" | "/" }).op;
      left = { type: "binary", op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    if (isOp(peek(), "-")) {
      pos++;
      return { type: "negate", operand: unary() };
    }
    if (isOp(peek(), "+")) {
      pos++;
      return unary();
    }
    return primary();
  };
  const primary = (): Expr => {
    const t = peek();
    if (!t) return fail("the formula ends too early", text.length);
    pos++;
    if (t.type === "number") return { type: "number", value: t.value };
    if (t.type === "ref") return { type: "ref", code: t.code };
    if (t.op === "(") {
      const inner = expression();
      if (!isOp(peek(), ")")) fail("expected )", peek()?.at ?? text.length);
      pos++;
      return inner;
    }
    return fail(`unexpected ${JSON.stringify(t.op)}`, t.at);
  };

  const expr = expression();
  const rest = peek();
  if (rest) fail(`unexpected ${rest.type === "op" ? JSON.stringify(rest.op) : rest.type === "ref" ? `{${rest.code}}` : String(rest.value)}`, rest.at);
  return expr;
}

function tokenize(text: string, path: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "{") {
      const end = text.indexOf("}", i);
      const code = end < 0 ? "" : text.slice(i + 1, end).trim();
      if (end < 0 || code === "") {
        throw new ReportingError("project-invalid", `${path}: ${end < 0 ? "unclosed {" : "empty {}"} at character ${i + 1} of ${JSON.stringify(text)}`);
      }
      tokens.push({ type: "ref", code, at: i });
      i = end + 1;
    } else if (/[0-9.]/.test(ch)) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) throw new ReportingError("project-invalid", `${path}: a number is malformed at character ${i + 1} of ${JSON.stringify(text)}`);
      tokens.push({ type: "number", value: Number(m[0]), at: i });
      i += m[0].length;
    } else if ("+-*/()".includes(ch)) {
      tokens.push({ type: "op", op: ch, at: i });
      i++;
    } else {
      throw new ReportingError("project-invalid", `${path}: unexpected ${JSON.stringify(ch)} at character ${i + 1} of ${JSON.stringify(text)}`, "A formula uses {code} references, numbers, + - * / and parentheses.");
    }
  }
  return tokens;
}

/** The indicator codes a formula references, each once, in order of appearance. */
export function formulaRefs(expr: Expr): string[] {
  const out: string[] = [];
  const walk = (e: Expr): void => {
    if (e.type === "ref") {
      if (!out.includes(e.code)) out.push(e.code);
    } else if (e.type === "negate") walk(e.operand);
    else if (e.type === "binary") {
      walk(e.left);
      walk(e.right);
    }
  };
  walk(expr);
  return out;
}

/** The value of a formula, or why there is none. */
export type Evaluation = { value: number } | { value: null; reason: "division-by-zero" | "missing"; code?: string };

/**
 * Evaluate a formula against figures by code. A reference without a figure, or a division by zero,
 * gives no value (null) and says why; it never throws.
 * @example evaluateFormula(parseFormula("{a} / {b}", "f"), (c) => ({ a: 3, b: 4 })[c] ?? null) // { value: 0.75 }
 */
export function evaluateFormula(expr: Expr, lookup: (code: string) => number | null): Evaluation {
  switch (expr.type) {
    case "number":
      return { value: expr.value };
    case "ref": {
      const v = lookup(expr.code);
      return v === null ? { value: null, reason: "missing", code: expr.code } : { value: v };
    }
    case "negate": {
      const v = evaluateFormula(expr.operand, lookup);
      return v.value === null ? v : { value: -v.value };
    }
    case "binary": {
      const l = evaluateFormula(expr.left, lookup);
      if (l.value === null) return l;
      const r = evaluateFormula(expr.right, lookup);
      if (r.value === null) return r;
      switch (expr.op) {
        case "+":
          return { value: l.value + r.value };
        case "-":
          return { value: l.value - r.value };
        case "*":
          return { value: l.value * r.value };
        case "/":
          return r.value === 0 ? { value: null, reason: "division-by-zero" } : { value: l.value / r.value };
      }
    }
  }
}

/**
 * Order formula indicators so each comes after the formulas it uses. Throws `project-invalid` naming the
 * cycle (`a → b → a`) when formulas refer to each other in a circle.
 */
export function orderFormulas(formulas: ReadonlyMap<string, { refs: readonly string[]; path: string }>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (code: string, trail: string[]): void => {
    const s = state.get(code);
    if (s === "done") return;
    if (s === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(code)), code];
      throw new ReportingError("project-invalid", `${formulas.get(code)!.path}.formula: formulas refer to each other in a circle: ${cycle.join(" → ")}`);
    }
    state.set(code, "visiting");
    for (const ref of formulas.get(code)!.refs) if (formulas.has(ref)) visit(ref, [...trail, code]);
    state.set(code, "done");
    order.push(code);
  };
  for (const code of formulas.keys()) visit(code, []);
  return order;
}
