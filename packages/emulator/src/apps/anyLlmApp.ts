import { type AppContext, inputError, isRecord, missingField } from './appTypes.js';

const DEFAULT_MODEL = 'google/gemini-flash-1.5';

/** A deterministic reply that mentions the prompt, so tests can recognise it. */
export function composeReply(prompt: string, model: string): string {
  const excerpt = prompt.length > 120 ? `${prompt.slice(0, 117)}...` : prompt;
  return `This is the falkit emulator answering as ${model}. You asked: "${excerpt}". The emulator has no language model, so this reply is made up, but it streams token by token just like the real thing.`;
}

/** Splits text into word-sized tokens that keep their leading whitespace. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/**
 * `fal-ai/any-llm`: streams `{output, partial: true}` with the growing output after every token,
 * then returns `{output, partial: false, error: null}`. Via run or the queue, only the final object is seen.
 */
export const anyLlmApp = async function* anyLlm(context: AppContext) {
  const input = isRecord(context.input) ? context.input : {};
  if (input.prompt === undefined || input.prompt === null) throw missingField('prompt');
  if (typeof input.prompt !== 'string') {
    throw inputError([{ loc: ['body', 'prompt'], msg: 'str type expected', type: 'type_error.str' }]);
  }
  const model = typeof input.model === 'string' ? input.model : DEFAULT_MODEL;
  const reasoning =
    input.reasoning === true
      ? `The user wrote ${input.prompt.length} characters; answer politely.`
      : undefined;
  context.log(`Generating with ${model}`);
  let output = '';
  for (const token of tokenize(composeReply(input.prompt, model))) {
    await context.sleep(30);
    output += token;
    yield { output, ...(reasoning && { reasoning }), partial: true, error: null };
  }
  context.log(`Generated ${output.length} characters`);
  return { output, ...(reasoning && { reasoning }), partial: false, error: null };
};
