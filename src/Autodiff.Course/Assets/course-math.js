// KaTeX over the course's prose, as the static site and the browser app both run it (after katex.min.js and
// contrib/auto-render.min.js). Only the prose: code and outputs may hold a literal $ (C# interpolated strings).
window.courseMath = {
  delimiters: [
    { left: "$$", right: "$$", display: true },
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
    { left: "$", right: "$", display: false }
  ],
  render: function (element) {
    renderMathInElement(element, { delimiters: window.courseMath.delimiters, throwOnError: false });
  }
};
