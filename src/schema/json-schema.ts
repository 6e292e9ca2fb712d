import * as z from "zod";
import { ProjectFileSchema } from "./project.js";

/** The JSON Schema of `logframe.yaml`, generated from the same zod schema that validates it. */
export function projectJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ProjectFileSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "logframe project file", description: "logframe.yaml: the project, partners, sources and logframe tree." };
}
