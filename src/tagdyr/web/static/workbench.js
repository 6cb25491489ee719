// The transcription workbench: the page zoomable (OpenSeadragon), the grid beside it.
// Focusing a cell draws its box on the page; clicking the page focuses the cell there.
// Keys: Enter / Shift+Enter and the up and down arrows move between rows, Escape brings the
// machine's reading back, Ctrl+S saves.
(function () {
  "use strict";
  function box(input) { return input.dataset.box.split(",").map(Number); }

  document.querySelectorAll(".wb-viewer").forEach(function (el) {
    var width = Number(el.dataset.width), height = Number(el.dataset.height);
    var viewer = OpenSeadragon({
      element: el, tileSources: { type: "image", url: el.dataset.image, buildPyramid: false },
      showNavigationControl: false, gestureSettingsMouse: { clickToZoom: false }
    });
    var section = el.closest("section");
    var inputs = Array.prototype.slice.call(section.querySelectorAll("input.wb-cell"));
    var mark = document.createElement("div");
    mark.className = "wb-mark";
    var shown = null;

    function show(input) {
      var b = box(input);
      var rect = viewer.viewport.imageToViewportRectangle(b[0], b[1], b[2] - b[0], b[3] - b[1]);
      if (shown) { viewer.removeOverlay(mark); }
      viewer.addOverlay({ element: mark, location: rect });
      shown = input;
      el.dataset.shown = b.join(",");
      inputs.forEach(function (i) { i.classList.toggle("shown", i === input); });
    }
    viewer.addHandler("open", function () { if (document.activeElement && inputs.indexOf(document.activeElement) >= 0) { show(document.activeElement); } });
    inputs.forEach(function (input, index) {
      input.addEventListener("focus", function () { if (viewer.world.getItemCount()) { show(input); } });
      input.addEventListener("keydown", function (e) {
        var columns = input.closest("tr").children.length;
        var step = 0;
        if (e.key === "Enter" || e.key === "ArrowDown") { step = e.shiftKey ? -columns : columns; }
        if (e.key === "ArrowUp") { step = -columns; }
        if (e.key === "Escape") { input.value = input.dataset.machine; e.preventDefault(); }
        if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); section.querySelector("#wb-save").click(); }
        if (step) {
          e.preventDefault();
          var next = inputs[index + step];
          if (next) { next.focus(); next.select(); }
        }
      });
    });
    viewer.addHandler("canvas-click", function (e) {
      if (!e.quick) { return; }
      var point = viewer.viewport.viewerElementToImageCoordinates(e.position);
      var hit = inputs.filter(function (i) {
        var b = box(i);
        return point.x >= b[0] && point.x <= b[2] && point.y >= b[1] && point.y <= b[3];
      })[0];
      if (hit) { hit.focus(); hit.select(); }
    });
    void width; void height;
  });
}());
