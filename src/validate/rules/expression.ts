/**
 * The expression language of logframe rules (DHIS2-style validation rules), parsed without `eval`:
 *
 * ```
 * expr     := term (("+" | "-") term)*
 * term     := unary (("*" | "/") unary)*
 * unary    := "-" unary | primary
 * primary  := number | ref | "(" expr ")"
 * ref      := (code | "{" code "}") ("[" selector ("," selector)* "]")?
 * ```
 *
 * A code is letters, digits, dots, underscores and dashes (`1.2.graduated`, `1.1.active`); write
 * spaces around a minus sign (`1.1.enrolled - 1.1.dropped`), or wrap a code in braces (`{1.2}`) when
 * it would otherwise read as a number. A selector is a sex (`female`, `male`, `other`, `unknown`,
 * `total`) or a partner code (`RJ`); at most one of each.
 */

/** A reference to an indicator's figure, optionally for one sex and/or one partner. */
export interface RefNode {
  type: "ref";
  code: string;
  sex?: string;
  partner?: string;
  /** 1-based column of the code in the expression text. */
  column: number;
}

/** A parsed expression. */
export type Expr =
  | { type: "num"; value: number }
  | RefNode
  | { type: "neg"; expr: Expr }
  | { type: "bin"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr };

/** A syntax error, with the 1-based column where it was found. */
export class ExpressionError extends Error {
  override readonly name = "ExpressionError";
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

/** The sex selectors; anything else in brackets must be a partner code. */
export const SELECTOR_SEXES: readonly string[] = ["female", "male", "other", "unknown", "total"];

type Token =
  | { kind: "num"; value: number; column: number; text: string }
  | { kind: "code"; text: string; column: number }
  | { kind: "punct"; text: string; column: number }
  | { kind: "end"; text: string; column: number };

const CODE_CHAR = /[A-Za-z0-9._-]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if ("+*/()[]{},".includes(ch)) {
      tokens.push({ kind: "punct", text: ch, column: i + 1 });
      i++;
      continue;
    }
    // A dash starts a code only when glued to the code before it (`a-b` is one code); alone it is minus.
    if (ch === "-") {
      tokens.push({ kind: "punct", text: ch, column: i + 1 });
      i++;
      continue;
    }
    if (CODE_CHAR.test(ch)) {
      const start = i;
      while (i < text.length && CODE_CHAR.test(text[i]!)) i++;
      const word = text.slice(start, i);
      if (/^\d+(\.\d+)?$/.test(word) || /^\.\d+$/.test(word)) tokens.push({ kind: "num", value: Number(word), column: start + 1, text: word });
      else tokens.push({ kind: "code", text: word, column: start + 1 });
      continue;
    }
    throw new ExpressionError(`unexpected ${JSON.stringify(ch)}`, i + 1);
  }
  tokens.push({ kind: "end", text: "", column: text.length + 1 });
  return tokens;
}

/**
 * Parse a rule expression. Throws `ExpressionError` (message + column) on bad syntax or a selector that
 * is neither a sex nor one of `partners`.
 * @example parseExpression("1.2.placed[RJ, female] <= 1.2.graduated[female]", ["RJ"])
 */
export function parseExpression(text: string, partners: readonly string[] = []): Expr {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const describe = (t: Token): string => (t.kind === "end" ? "end of expression" : JSON.stringify(t.text));
  const expect = (punct: string): Token => {
    const t = next();
    if (t.kind !== "punct" || t.text !== punct) throw new ExpressionError(`expected "${punct}", got ${describe(t)}`, t.column);
    return t;
  };
  const isPunct = (t: Token, chars: string): boolean => t.kind === "punct" && chars.includes(t.text);

  function expr(): Expr {
    let left = term();
    while (isPunct(peek(), "+-")) {
      const op = next().text as "+" | "-";
      left = { type: "bin", op, left, right: term() };
    }
    return left;
  }
  function term(): Expr {
    let left = unary();
    while (isPunct(peek(), "*/")) {
      const op = next().text as "*" | "/";
      left = { type: "bin", op, left, right: unary() };
    }
    return left;
  }
  function unary(): Expr {
    if (isPunct(peek(), "-")) {
      next();
      return { type: "neg", expr: unary() };
    }
    return primary();
  }
  function primary(): Expr {
    const t = next();
    if (t.kind === "num") return { type: "num", value: t.value };
    if (t.kind === "code") return selectors({ type: "ref", code: t.text, column: t.column });
    if (isPunct(t, "(")) {
      const inner = expr();
      expect(")");
      return inner;
    }
    if (isPunct(t, "{")) {
      const c = next();
      if (c.kind !== "code" && c.kind !== "num") throw new ExpressionError(`expected an indicator code, got ${describe(c)}`, c.column);
      expect("}");
      return selectors({ type: "ref", code: c.text, column: c.column });
    }
    throw new ExpressionError(`unexpected ${describe(t)}`, t.column);
  }
  function selectors(ref: RefNode): RefNode {
    if (!isPunct(peek(), "[")) return ref;
    next();
    for (;;) {
      const s = next();
      if (s.kind !== "code") throw new ExpressionError(`expected a sex or partner, got ${describe(s)}`, s.column);
      assignSelector(ref, s, partners);
      const sep = next();
      if (isPunct(sep, "]")) return ref;
      if (!isPunct(sep, ",")) throw new ExpressionError(`expected "," or "]", got ${describe(sep)}`, sep.column);
    }
  }

  const result = expr();
  const rest = peek();
  if (rest.kind !== "end") throw new ExpressionError(`unexpected ${describe(rest)}`, rest.column);
  return result;
}

function assignSelector(ref: RefNode, s: Token, partners: readonly string[]): void {
  const lower = s.text.toLowerCase();
  if (SELECTOR_SEXES.includes(lower)) {
    if (ref.sex) throw new ExpressionError(`two sexes selected for ${ref.code}`, s.column);
    ref.sex = lower;
    return;
  }
  const partner = partners.find((p) => p.toLowerCase() === lower);
  if (partner) {
    if (ref.partner) throw new ExpressionError(`two partners selected for ${ref.code}`, s.column);
    ref.partner = partner;
    return;
  }
  const known = [...SELECTOR_SEXES, ...partners].join(", ");
  throw new ExpressionError(`"${s.text}" is neither a sex nor a partner (${known})`, s.column);
}

/** Every indicator reference in an expression, left to right. */
export function refsOf(e: Expr): RefNode[] {
  switch (e.type) {
    case "ref":
      return [e];
    case "num":
      return [];
    case "neg":
      return refsOf(e.expr);
    case "bin":
      return [...refsOf(e.left), ...refsOf(e.right)];
  }
}

/**
 * Evaluate an expression; `lookup` gives a reference's figure or `undefined` when it is missing (the
 * caller's missing-value strategy decides what that means). Division by zero gives `undefined`.
 */
export function evaluate(e: Expr, lookup: (ref: RefNode) => number | undefined): number | undefined {
  switch (e.type) {
    case "num":
      return e.value;
    case "ref":
      return lookup(e);
    case "neg": {
      const v = evaluate(e.expr, lookup);
      return v === undefined ? undefined : -v;
    }
    case "bin": {
      const l = evaluate(e.left, lookup);
      const r = evaluate(e.right, lookup);
      if (l === undefined || r === undefined) return undefined;
      if (e.op === "+") return l + r;
      if (e.op === "-") return l - r;
      if (e.op === "*") return l * r;
      return r === 0 ? undefined : l / r;
    }
  }
}

/** The expression as canonical text, with a sex selector added to every reference that has none. */
export function formatExpression(e: Expr, sex?: string): string {
  const wrap = (x: Expr, parentPrec: number): string => {
    const prec = x.type === "bin" ? (x.op === "+" || x.op === "-" ? 1 : 2) : 3;
    const text = formatExpression(x, sex);
    return prec < parentPrec ? `(${text})` : text;
  };
  switch (e.type) {
    case "num":
      return String(e.value);
    case "ref": {
      const sel = [e.sex ?? (sex && sex !== "total" ? sex : undefined), e.partner].filter(Boolean);
      return sel.length ? `${e.code}[${sel.join(", ")}]` : e.code;
    }
    case "neg":
      return `-${wrap(e.expr, 3)}`;
    case "bin": {
      const prec = e.op === "+" || e.op === "-" ? 1 : 2;
      return `${wrap(e.left, prec)} ${e.op} ${wrap(e.right, prec + 1)}`;
    }
  }
}
