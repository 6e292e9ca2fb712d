/**
 * The arithmetic of an indicator `formula` (`100 * {1.2.placed} / {1.2.graduated}`): numbers,
 * `{code}` references, `+ - * /`, unary minus and parentheses. Parsed once, then evaluated in JS or
 * written as Excel text.
 */
export type Expr =
  | { t: "num"; v: number }
  | { t: "ref"; code: string }
  | { t: "neg"; e: Expr }
  | { t: "bin"; op: "+" | "-" | "*" | "/"; a: Expr; b: Expr };

/** Parse a formula; undefined when it is not in the grammar. */
export function parseFormula(text: string): Expr | undefined {
  const tokens = text.match(/\{[^}]*\}|\d+(?:\.\d+)?|[-+*/()]|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const primary = (): Expr | undefined => {
    const tok = tokens[pos++];
    if (tok === undefined) return undefined;
    if (tok === "-") {
      const e = primary();
      return e && { t: "neg", e };
    }
    if (tok === "(") {
      const e = sum();
      return tokens[pos++] === ")" ? e : undefined;
    }
    if (/^\{[^}]+\}$/.test(tok)) return { t: "ref", code: tok.slice(1, -1).trim() };
    if (/^\d/.test(tok)) return { t: "num", v: Number(tok) };
    return undefined;
  };
  const product = (): Expr | undefined => {
    let a = primary();
    while (a && (peek() === "*" || peek() === "/")) {
      const op = tokens[pos++] as "*" | "/";
      const b = primary();
      a = b && { t: "bin", op, a, b };
    }
    return a;
  };
  const sum = (): Expr | undefined => {
    let a = product();
    while (a && (peek() === "+" || peek() === "-")) {
      const op = tokens[pos++] as "+" | "-";
      const b = product();
      a = b && { t: "bin", op, a, b };
    }
    return a;
  };
  const e = sum();
  return e && pos === tokens.length ? e : undefined;
}

/** The codes a formula references. */
export function formulaRefs(e: Expr): string[] {
  if (e.t === "ref") return [e.code];
  if (e.t === "neg") return formulaRefs(e.e);
  if (e.t === "bin") return [...formulaRefs(e.a), ...formulaRefs(e.b)];
  return [];
}

/** Evaluate with figures for the references; null on a missing figure or a division by zero. */
export function evaluateFormula(e: Expr, value: (code: string) => number | null): number | null {
  switch (e.t) {
    case "num":
      return e.v;
    case "ref":
      return value(e.code);
    case "neg": {
      const v = evaluateFormula(e.e, value);
      return v === null ? null : -v;
    }
    case "bin": {
      const a = evaluateFormula(e.a, value);
      const b = evaluateFormula(e.b, value);
      if (a === null || b === null) return null;
      if (e.op === "/") return b === 0 ? null : a / b;
      return e.op === "+" ? a + b : e.op === "-" ? a - b : a * b;
    }
  }
}

/** Excel text of a formula, with each reference replaced by a cell address. */
export function formulaText(e: Expr, address: (code: string) => string): string {
  switch (e.t) {
    case "num":
      return String(e.v);
    case "ref":
      return address(e.code);
    case "neg":
      return `-(${formulaText(e.e, address)})`;
    case "bin":
      return `(${formulaText(e.a, address)}${e.op}${formulaText(e.b, address)})`;
  }
}
