/**
 * Our own spellings for models and providers the catalog does not resolve by itself: data, one
 * row each. A test checks every target resolves in the pinned catalog.
 */

/**
 * A model's slug (lower case, spaces as `-`) → the catalog's `provider:model`: the maker's own
 * listing. Open-weight models that many hosts sell (Llama, Qwen …) have no row here: which host is
 * meant is the user's to say (`groq:llama-3.1-8b-instant`), and the error lists them.
 */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  "gpt-4o-mini-api": "openai:gpt-4o-mini",
  "gpt4o-mini": "openai:gpt-4o-mini",
  "gpt4o": "openai:gpt-4o",
  "gpt-4-omni": "openai:gpt-4o",
  "gpt35-turbo": "openai:gpt-3.5-turbo",
  "chatgpt-3.5": "openai:gpt-3.5-turbo",
  "mixtral-8x7b-instruct": "mistral:mixtral-8x7b",
  "mistral-7b-instruct": "mistral:mistral-7b",
  "claude-haiku-3": "anthropic:claude-3-haiku",
  "claude-3-haiku-20240307": "anthropic:claude-3-haiku",
  "gemini-flash-1.5": "google:gemini-1.5-flash",
  "mistral-nemo-12b": "mistral:mistral-nemo",
  "command-r+": "cohere:command-r-plus",
  "gemma-2-27b": "google:gemma-2-27b-it",
  "phi-3.5-mini": "azure:phi-3.5-mini-128k-instruct",
};

/** A provider as records name it (folded: lower case, no spaces) → the catalog's provider id. */
export const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  mistralai: "mistral",
  googleai: "google",
  googlegemini: "google",
  gemini: "google",
  vertexai: "google",
  amazonbedrock: "aws",
  awsbedrock: "aws",
  bedrock: "aws",
  azureopenai: "azure",
  xai: "x-ai",
  moonshot: "moonshotai",
};
