// The shells `ecsimg completion` writes scripts for. Light on purpose: cli.ts and the
// completion command validate against it without loading the generators.
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export function isCompletionShell(name: string): name is CompletionShell {
  return (COMPLETION_SHELLS as readonly string[]).includes(name);
}
