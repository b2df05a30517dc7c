export { loadFile, type LoadedFile } from './load-file.js';
export { htmlToText, type HtmlText } from './html-to-text.js';
export { markdownToText, type MarkdownText } from './markdown-to-text.js';
export { pdfToText, type PdfText } from './pdf-to-text.js';
