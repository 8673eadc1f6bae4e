/**
 * What the quantity grammar knows, as data: multipliers, currencies, units, per-unit
 * denominators, periods and the words around a figure. Adding a form is one row here.
 * Every form is written as it appears after normalisation (NFKC: full-width letters, digits and
 * punctuation are already ASCII).
 */
import { wordTable } from "./words.js";

export type Currency = "USD" | "JPY" | "EUR";
export const CURRENCIES: readonly Currency[] = ["USD", "JPY", "EUR"];

/** A currency the grammar recognises but refuses: its name is given in the warning. */
export type CurrencyMark = Currency | { unknown: string };

export const CURRENCY_BEFORE = wordTable<CurrencyMark>([
  ["US$", "USD"], ["$", "USD"], ["USD", "USD"], ["¥", "JPY"], ["JPY", "JPY"], ["€", "EUR"], ["EUR", "EUR"],
  ["£", { unknown: "GBP" }], ["GBP", { unknown: "GBP" }], ["CHF", { unknown: "CHF" }], ["₹", { unknown: "INR" }],
  ["INR", { unknown: "INR" }], ["A$", { unknown: "AUD" }], ["AU$", { unknown: "AUD" }], ["C$", { unknown: "CAD" }],
  ["CA$", { unknown: "CAD" }], ["CNY", { unknown: "CNY" }], ["RMB", { unknown: "CNY" }], ["₩", { unknown: "KRW" }],
  ["KRW", { unknown: "KRW" }], ["₽", { unknown: "RUB" }], ["R$", { unknown: "BRL" }],
], { caseSensitive: true });

export const CURRENCY_AFTER = wordTable<CurrencyMark>([
  ["USD", "USD"], ["dollars", "USD"], ["dollar", "USD"], ["ドル", "USD"], ["米ドル", "USD"],
  ["円", "JPY"], ["yen", "JPY"], ["JPY", "JPY"], ["EUR", "EUR"], ["euros", "EUR"], ["euro", "EUR"], ["ユーロ", "EUR"],
  // `2,30 €`, `150 ¥`: the sign after the amount, as much of Europe writes it.
  ["€", "EUR"], ["¥", "JPY"], ["￥", "JPY"], ["£", { unknown: "GBP" }],
  ["GBP", { unknown: "GBP" }], ["pounds", { unknown: "GBP" }], ["CHF", { unknown: "CHF" }], ["元", { unknown: "CNY" }],
  ["ウォン", { unknown: "KRW" }], ["INR", { unknown: "INR" }], ["rupees", { unknown: "INR" }],
]);

/** `K`, `M`, `B` and friends after a number. Lower-case `m` is handled by the grammar. */
export const MULTIPLIER_SYMBOL = wordTable<number>([
  ["K", 1e3], ["k", 1e3], ["M", 1e6], ["MM", 1e6], ["B", 1e9], ["b", 1e9], ["bn", 1e9], ["T", 1e12],
], { caseSensitive: true });

export const MULTIPLIER_WORD = wordTable<number>([
  ["thousand", 1e3], ["million", 1e6], ["mn", 1e6], ["billion", 1e9], ["trillion", 1e12],
]);

export const CJK_LARGE: Readonly<Record<string, number>> = { 万: 1e4, 億: 1e8, 兆: 1e12 };
export const CJK_SMALL: Readonly<Record<string, number>> = { 千: 1e3, 百: 1e2 };

export type Period = "hour" | "day" | "week" | "month" | "quarter" | "year";

/** How many of a period make a month: a month is 730 hours, a twelfth of a 365-day year. */
export const PER_MONTH: Readonly<Record<Period, number>> = {
  hour: 730, day: 365 / 12, week: 365 / 84, month: 1, quarter: 1 / 3, year: 1 / 12,
};

/** A period after `/` or `per`: `/month`, `per yr`, `/日`. */
export const PERIOD_UNIT = wordTable<Period>([
  ["month", "month"], ["months", "month"], ["mo", "month"], ["mon", "month"], ["mth", "month"], ["月", "month"], ["ヶ月", "month"], ["か月", "month"],
  ["year", "year"], ["yr", "year"], ["y", "year"], ["annum", "year"], ["年", "year"],
  ["day", "day"], ["d", "day"], ["日", "day"],
  ["week", "week"], ["wk", "week"], ["週", "week"],
  ["quarter", "quarter"], ["qtr", "quarter"], ["四半期", "quarter"],
  ["hour", "hour"], ["hr", "hour"], ["h", "hour"], ["時間", "hour"],
]);

/** A period written as a word of its own: `monthly`, `a month`, `年間`, `1日あたり`. */
export const PERIOD_WORD = wordTable<Period>([
  ["monthly", "month"], ["a month", "month"], ["per month", "month"], ["every month", "month"], ["each month", "month"],
  ["in a month", "month"], ["per mo", "month"], ["billing month", "month"], ["full month", "month"], ["calendar month", "month"], ["月額", "month"], ["月次", "month"], ["月間", "month"], ["毎月", "month"],
  ["月あたり", "month"], ["先月", "month"], ["今月", "month"], ["last month", "month"], ["this month", "month"], ["1ヶ月あたり", "month"], ["1か月あたり", "month"], ["ひと月あたり", "month"], ["月に", "month"], ["1ヶ月", "month"],
  ["annual", "year"], ["annually", "year"], ["yearly", "year"], ["a year", "year"], ["per year", "year"], ["per annum", "year"],
  ["every year", "year"], ["each year", "year"], ["年間", "year"], ["年額", "year"], ["年次", "year"], ["毎年", "year"], ["1年あたり", "year"], ["年あたり", "year"],
  ["daily", "day"], ["a day", "day"], ["per day", "day"], ["every day", "day"], ["each day", "day"], ["日次", "day"], ["毎日", "day"],
  ["1日あたり", "day"], ["日あたり", "day"], ["1日に", "day"], ["一日あたり", "day"], ["1日", "day"],
  ["weekly", "week"], ["a week", "week"], ["per week", "week"], ["every week", "week"], ["週次", "week"], ["毎週", "week"], ["1週間あたり", "week"],
  ["quarterly", "quarter"], ["a quarter", "quarter"], ["per quarter", "quarter"], ["四半期あたり", "quarter"],
  ["hourly", "hour"], ["an hour", "hour"], ["per hour", "hour"], ["1時間あたり", "hour"], ["時間あたり", "hour"],
]);

/** What a price is per, besides tokens: the unit a non-token usage is counted in. */
export type CountUnit = "token" | "image" | "request" | "page" | "audio_minute" | "conversation" | "ticket" | "document" | "character" | "gpu_hour" | "item" | "attempt" | "retry" | "time" | "gpu";

export const COUNT_NOUN = wordTable<CountUnit>([
  ["tokens", "token"], ["token", "token"], ["tok", "token"], ["toks", "token"], ["mtok", "token"], ["トークン", "token"],
  ["images", "image"], ["image", "image"], ["画像", "image"], ["pictures", "image"],
  ["requests", "request"], ["request", "request"], ["req", "request"], ["reqs", "request"], ["calls", "request"], ["call", "request"],
  ["api calls", "request"], ["api call", "request"], ["queries", "request"], ["query", "request"], ["リクエスト", "request"], ["クエリ", "request"], ["呼び出し", "request"],
  ["pages", "page"], ["page", "page"], ["ページ", "page"],
  ["audio minutes", "audio_minute"], ["audio minute", "audio_minute"], ["minutes of audio", "audio_minute"], ["minute of audio", "audio_minute"], ["音声分", "audio_minute"],
  ["conversations", "conversation"], ["conversation", "conversation"], ["会話", "conversation"], ["対話", "conversation"], ["chats", "conversation"],
  ["tickets", "ticket"], ["ticket", "ticket"], ["チケット", "ticket"], ["問い合わせ", "ticket"],
  ["documents", "document"], ["document", "document"], ["docs", "document"], ["文書", "document"], ["ドキュメント", "document"],
  ["characters", "character"], ["chars", "character"], ["文字", "character"],
  ["gpu-hours", "gpu_hour"], ["gpu-hour", "gpu_hour"], ["gpu hours", "gpu_hour"], ["gpu hour", "gpu_hour"], ["gpu時間", "gpu_hour"],
  ["items", "item"], ["item", "item"], ["cases", "item"], ["case", "item"], ["prompts", "item"], ["prompt", "item"], ["tests", "item"],
  ["test cases", "item"], ["questions", "item"], ["samples", "item"], ["tasks", "item"], ["件", "item"], ["個", "item"], ["問", "item"],
  // 枚 counts anything flat (GPUs, sheets, images): what it counts is said beside it (`40,000 枚の画像`).
  ["枚", "item"],
  ["attempts", "attempt"], ["attempt", "attempt"], ["tries", "attempt"], ["try", "attempt"], ["試行", "attempt"],
  ["retries", "retry"], ["retry", "retry"], ["リトライ", "retry"],
  ["回", "time"], ["times", "time"],
  ["gpus", "gpu"], ["gpu", "gpu"],
]);

export const PARAMS = wordTable<true>([["params", true], ["parameters", true], ["parameter", true], ["param", true], ["パラメータ", true], ["パラメーター", true]]);

export type Duration = number;
/** Seconds in one of each unit. */
export const DURATION = wordTable<Duration>([
  ["ms", 0.001], ["msec", 0.001], ["msecs", 0.001], ["milliseconds", 0.001], ["millisecond", 0.001], ["ミリ秒", 0.001],
  ["s", 1], ["sec", 1], ["secs", 1], ["seconds", 1], ["second", 1], ["秒", 1],
  ["min", 60], ["mins", 60], ["minutes", 60], ["minute", 60], ["分", 60],
  ["hours", 3600], ["hour", 3600], ["hrs", 3600], ["hr", 3600], ["h", 3600], ["時間", 3600],
]);

export const PERCENT = wordTable<true>([["%", true], ["pct", true], ["percent", true], ["per cent", true], ["パーセント", true]]);
export const POINTS = wordTable<true>([
  ["pp", true], ["p.p.", true], ["ppt", true], ["pt", true], ["pts", true], ["points", true], ["point", true], ["ポイント", true], ["ﾎﾟｲﾝﾄ", true],
]);
export const TIMES = wordTable<true>([["x", true], ["×", true], ["倍", true]]);

/** Tokens per second, for throughput. */
export const PER_SECOND = wordTable<true>([["/s", true], ["/sec", true], [" per second", true], ["/秒", true], ["毎秒", true]]);
export const TPS = wordTable<true>([["tps", true], ["tok/s", true], ["tokens/s", true], ["tokens/sec", true], ["t/s", true]]);

/** `/` or `per` before a denominator. */
export const PER = wordTable<true>([["/", true], ["per", true], ["for every", true], ["for each", true], ["pro", true], ["je", true]]);

/** Written after a denominator in Japanese: `100万トークンあたり`. */
export const PER_AFTER = wordTable<true>([["あたり", true], ["当たり", true], ["につき", true], ["ごと", true], ["毎", true]]);

export type Side = "input" | "output" | "both";
export const SIDE = wordTable<Side>([
  ["input", "input"], ["in", "input"], ["prompt", "input"], ["入力", "input"], ["インプット", "input"],
  ["output", "output"], ["out", "output"], ["completion", "output"], ["completions", "output"], ["generation", "output"], ["出力", "output"], ["アウトプット", "output"],
  ["input and output", "both"], ["input & output", "both"], ["input/output", "both"], ["in/out", "both"], ["in and out", "both"],
  ["入出力", "both"], ["入力・出力", "both"], ["入力/出力", "both"], ["both", "both"], ["either way", "both"],
]);

export type Approx = "approx" | "min" | "max";
/** Before a figure: it is approximate, or a bound (a target or threshold, not a measurement). */
export const BEFORE_FIGURE = wordTable<Approx>([
  ["約", "approx"], ["およそ", "approx"], ["大体", "approx"], ["ほぼ", "approx"], ["概算", "approx"], ["推定", "approx"],
  ["about", "approx"], ["around", "approx"], ["roughly", "approx"], ["approximately", "approx"], ["approx.", "approx"], ["approx", "approx"],
  ["ca.", "approx"], ["circa", "approx"], ["some", "approx"], ["~", "approx"], ["≈", "approx"], ["an estimated", "approx"], ["estimated", "approx"],
  [">=", "min"], ["≥", "min"], [">", "min"], ["over", "min"], ["above", "min"], ["more than", "min"], ["at least", "min"], ["upwards of", "min"],
  ["最低", "min"], ["最小", "min"],
  ["<=", "max"], ["≤", "max"], ["<", "max"], ["under", "max"], ["below", "max"], ["less than", "max"], ["at most", "max"], ["up to", "max"],
  ["最大", "max"], ["最高", "max"],
  // A figure a result is held against (`meets the 12 s driver`, `within 2 s`) is a bound, not a measurement.
  ["within", "max"], ["meets the", "max"], ["meet the", "max"], ["meeting the", "max"], ["met the", "max"],
  ["misses the", "max"], ["missed the", "max"], ["miss the", "max"], ["inside the", "max"], ["under the", "max"],
]);
export const AFTER_FIGURE = wordTable<Approx>([
  ["程度", "approx"], ["前後", "approx"], ["くらい", "approx"], ["ぐらい", "approx"], ["ほど", "approx"], ["強", "approx"], ["弱", "approx"],
  ["or so", "approx"], ["ish", "approx"], ["-ish", "approx"],
  ["以上", "min"], ["超え", "min"], ["超", "min"], ["or more", "min"], ["and up", "min"], ["+", "min"],
  ["以下", "max"], ["未満", "max"], ["以内", "max"], ["or less", "max"], ["or fewer", "max"],
]);

export type Stat = "mean" | "p50" | "p90" | "p95" | "p99";
export const STAT = wordTable<Stat>([
  ["平均", "mean"], ["mean", "mean"], ["average", "mean"], ["avg", "mean"], ["avg.", "mean"], ["ave.", "mean"],
  ["median", "p50"], ["中央値", "p50"], ["p50", "p50"], ["50th percentile", "p50"], ["50パーセンタイル", "p50"],
  ["p90", "p90"], ["90th percentile", "p90"], ["90パーセンタイル", "p90"],
  ["p95", "p95"], ["95th percentile", "p95"], ["95パーセンタイル", "p95"], ["95%ile", "p95"], ["95th", "p95"],
  ["p99", "p99"], ["99th percentile", "p99"], ["99パーセンタイル", "p99"], ["99%ile", "p99"], ["99th", "p99"],
]);

/** Between the two ends of a range. */
export const RANGE_DASH = wordTable<true>([["–", true], ["—", true], ["〜", true], ["~", true], ["-", true], ["～", true]]);
