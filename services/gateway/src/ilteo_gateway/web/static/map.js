// 일자리 맵: the current districts from the gateway's GeoJSON, shaded by open jobs.
(function () {
  "use strict";
  var element = document.getElementById("job-map");
  if (!element || !window.L) return;

  var counts = {};
  JSON.parse(element.dataset.counts || "[]").forEach(function (d) { counts[d.id] = d.count; });
  var english = element.dataset.lang === "en";
  var max = Math.max.apply(null, Object.values(counts).concat([1]));
  var shades = ["#eef3fb", "#c6d8f2", "#8fb3e6", "#4f86d6", "#1f5bb5", "#0b3c80"];

  function shade(count) {
    if (!count) return shades[0];
    var step = Math.ceil((count / max) * (shades.length - 1));
    return shades[Math.min(shades.length - 1, Math.max(1, step))];
  }

  // Labels stay on wide maps; on a phone they show on touch, or they would overlap.
  var roomy = element.clientWidth >= 600;
  var map = L.map(element, { zoomSnap: 0.25, attributionControl: false });
  fetch(element.dataset.geojson)
    .then(function (response) { return response.json(); })
    .then(function (geojson) {
      var layer = L.geoJSON(geojson, {
        style: function (feature) {
          return {
            color: "#1a1a1a", weight: 1, fillOpacity: 0.85,
            fillColor: shade(counts[feature.properties.id])
          };
        },
        onEachFeature: function (feature, district) {
          var p = feature.properties;
          var name = english ? p.name_en : p.name_ko;
          var count = counts[p.id] || 0;
          district.bindTooltip(name + " " + count.toLocaleString(), {
            permanent: roomy, direction: "center", className: "map-label"
          });
          district.on("click", function () {
            window.location.href = "/?kind=job&district=" + encodeURIComponent(p.id);
          });
        }
      }).addTo(map);
      // 옹진군's islands reach far out to sea; frame the mainland and the near islands.
      var bounds = L.latLngBounds([]);
      layer.eachLayer(function (district) {
        if (district.feature.properties.id !== "ongjin-gun") {
          bounds.extend(district.getBounds());
        }
      });
      map.fitBounds(bounds.isValid() ? bounds : layer.getBounds());
      layer.eachLayer(function (district) {
        var path = district.getElement();
        if (path) path.setAttribute("data-district", district.feature.properties.id);
      });
      element.setAttribute("data-ready", "true");
    });
})();
