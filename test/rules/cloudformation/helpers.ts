/** Joins lines with `\n`. */
export const lines = (...l: string[]): string => l.join('\n');

/**
 * A YAML template with one resource `Res` (its key on line 3, columns 3-6) whose properties start on
 * line 6, indented by six spaces.
 */
export function yamlResource(type: string, ...properties: string[]): string {
  const body = properties.length > 0 ? ['    Properties:', ...properties.map((p) => `      ${p}`)] : [];
  return lines("AWSTemplateFormatVersion: '2010-09-09'", 'Resources:', '  Res:', `    Type: ${type}`, ...body, '');
}

/** The column (1-based) of the value on a property line `      Key: value` of {@link yamlResource}. */
export function valueColumn(key: string): number {
  return `      ${key}: `.length + 1;
}
