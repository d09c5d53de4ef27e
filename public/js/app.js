// Small progressive enhancements. Every flow works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to the error summary of a refused form so screen readers announce it.
  const summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});
