// Preloaded with `node -r`: notes on stderr every time the price catalog's package is loaded.
const Module = require("node:module");
const load = Module._load;
Module._load = function (request, ...rest) {
  if (String(request).includes("@pydantic/genai-prices")) process.stderr.write(`[spy] loaded ${request}\n`);
  return load.call(this, request, ...rest);
};
