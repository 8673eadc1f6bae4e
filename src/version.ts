/** migrate-eval's version, for --version and the tool a SARIF log names. */
export const VERSION = "0.1.0";
