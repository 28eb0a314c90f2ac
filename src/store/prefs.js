// The colours chosen in this browser, on <html> before the first paint: see prefs.rs.
try {
  const d = document.documentElement, t = localStorage.getItem("troth.theme"), s = localStorage.getItem("troth.stage");
  if (t == "light" || t == "dark") d.setAttribute("data-theme", t);
  if (s == "bright") d.setAttribute("data-stage", s);
} catch (e) {}
