// Ward choropleth for /places/map. The page works without this script (the filter form is a GET and
// the table below the map has every figure); this adds the map, and refreshes map, table and legend
// in place when a filter changes. Colours are set from script (allowed by the CSP); no inline styles.
(function () {
    'use strict';

    var container = document.getElementById('ward-map');
    if (!container || typeof L === 'undefined') {
        return;
    }

    // ColorBrewer schemes marked colour-blind safe: YlOrRd (sequential) and PuOr (diverging, orange = rise).
    var SEQUENTIAL = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
    var DIVERGING = ['#5e3c99', '#b2abd2', '#f7f7f7', '#fdb863', '#e66101'];
    var CHANGE_BREAKS = [-25, -5, 5, 25];
    var NO_DATA = '#ffffff';
    var numberFormat = new Intl.NumberFormat('en-GB');
    var oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    var wholePercent = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

    var form = document.querySelector('[data-places-filters]');
    var legend = document.getElementById('ward-map-legend');
    var table = document.getElementById('ward-figures-table');
    var state = {
        query: container.getAttribute('data-query') || '',
        measure: container.getAttribute('data-measure') || 'count',
        figures: null,
        byCode: {}
    };

    var map = L.map(container, { zoomSnap: 0.25, preferCanvas: false });
    var tileUrl = container.getAttribute('data-tile-url');
    if (tileUrl) {
        L.tileLayer(tileUrl, { maxZoom: 18, attribution: 'Map tiles: see the service\u2019s data sources page' }).addTo(map);
    }
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Boundaries: ONS, OGL v3.0. Crime: police.uk, OGL v3.0');

    var layer = null;

    function valueOf(row) {
        if (!row) { return null; }
        if (state.measure === 'rate') { return row.ratePerThousand; }
        if (state.measure === 'change') { return row.changePercent; }
        return row.count;
    }

    function formatValue(value) {
        if (value === null || value === undefined) { return 'no figure'; }
        if (state.measure === 'rate') { return oneDecimal.format(value) + ' per 1,000'; }
        if (state.measure === 'change') { return (value > 0 ? '+' : '') + wholePercent.format(value) + '%'; }
        return numberFormat.format(value);
    }

    // Quantile class breaks (upper bounds of the first four classes), duplicates removed so equal
    // values never straddle two colours.
    function quantileBreaks(values) {
        var sorted = values.slice().sort(function (a, b) { return a - b; });
        var breaks = [];
        for (var i = 1; i < SEQUENTIAL.length; i++) {
            var q = sorted[Math.min(sorted.length - 1, Math.floor(i * sorted.length / SEQUENTIAL.length))];
            if (breaks.indexOf(q) === -1 && q < sorted[sorted.length - 1]) { breaks.push(q); }
        }
        return breaks;
    }

    function classes() {
        var values = [];
        (state.figures ? state.figures.wards : []).forEach(function (w) {
            var v = valueOf(w);
            if (v !== null && v !== undefined) { values.push(v); }
        });
        if (state.measure === 'change') {
            return { breaks: CHANGE_BREAKS, colours: DIVERGING, count: values.length };
        }
        var breaks = values.length ? quantileBreaks(values) : [];
        // Use the darkest colours for the top classes so the highest wards always read as highest.
        return { breaks: breaks, colours: SEQUENTIAL.slice(SEQUENTIAL.length - breaks.length - 1), count: values.length };
    }

    function colourFor(value, cls) {
        if (value === null || value === undefined) { return NO_DATA; }
        for (var i = 0; i < cls.breaks.length; i++) {
            if (value <= cls.breaks[i]) { return cls.colours[i]; }
        }
        return cls.colours[cls.breaks.length];
    }

    function styleFor(feature, cls) {
        var value = valueOf(state.byCode[feature.properties.code]);
        return {
            color: '#0b0c0c',
            weight: 0.8,
            opacity: 0.8,
            fillColor: colourFor(value, cls),
            fillOpacity: value === null || value === undefined ? 0.2 : 0.8
        };
    }

    function legendText(i, cls) {
        var lower = i === 0 ? null : cls.breaks[i - 1];
        var upper = i < cls.breaks.length ? cls.breaks[i] : null;
        if (lower === null && upper === null) { return 'All wards'; }
        if (lower === null) { return 'Up to ' + formatValue(upper); }
        if (upper === null) { return 'More than ' + formatValue(lower); }
        return 'More than ' + formatValue(lower) + ', up to ' + formatValue(upper);
    }

    function swatch(colour) {
        var span = document.createElement('span');
        span.className = 'places-legend__swatch';
        span.style.backgroundColor = colour;
        return span;
    }

    function drawLegend(cls) {
        if (!legend) { return; }
        legend.textContent = '';
        var title = document.createElement('p');
        title.className = 'govuk-body-s govuk-!-font-weight-bold places-legend__title';
        var measureSelect = form ? form.querySelector('[name="Measure"]') : null;
        title.textContent = 'Key: ' + (measureSelect ? measureSelect.options[measureSelect.selectedIndex].text : state.measure);
        legend.appendChild(title);
        var list = document.createElement('ul');
        list.className = 'govuk-list govuk-body-s places-legend__list';
        for (var i = 0; i <= cls.breaks.length; i++) {
            var item = document.createElement('li');
            item.appendChild(swatch(cls.colours[i]));
            item.appendChild(document.createTextNode(legendText(i, cls)));
            list.appendChild(item);
        }
        var none = document.createElement('li');
        none.appendChild(swatch(NO_DATA));
        none.appendChild(document.createTextNode(state.measure === 'rate' ? 'No population loaded' : 'No comparison'));
        if (state.measure !== 'count') { list.appendChild(none); }
        legend.appendChild(list);
    }

    function recolour() {
        if (!layer) { return; }
        var cls = classes();
        layer.eachLayer(function (l) {
            l.setStyle(styleFor(l.feature, cls));
            var row = state.byCode[l.feature.properties.code];
            l.setTooltipContent(textElement(l.feature.properties.name + ': ' + formatValue(valueOf(row))));
        });
        drawLegend(cls);
        container.setAttribute('data-figures-loaded', state.query);
    }

    function setCell(row, field, text) {
        var cell = row.querySelector('[data-field="' + field + '"]');
        if (cell) { cell.textContent = text; }
    }

    function fillRow(row, f) {
        setCell(row, 'count', numberFormat.format(f.count));
        setCell(row, 'population', f.population === null ? 'Not known' : numberFormat.format(f.population));
        setCell(row, 'rate', f.ratePerThousand === null ? 'Not known' : oneDecimal.format(f.ratePerThousand));
        setCell(row, 'previous', f.previousCount === null ? 'Not loaded' : numberFormat.format(f.previousCount));
        setCell(row, 'change', f.changePercent === null ? 'No comparison'
            : (f.changePercent > 0 ? '+' : '') + wholePercent.format(f.changePercent) + '%');
    }

    // Keeps the table (the accessible copy of the map) in step with what the map shows.
    function refreshTable() {
        if (!table || !state.figures) { return; }
        table.querySelectorAll('tbody tr[data-ward-code]').forEach(function (row) {
            var f = state.byCode[row.getAttribute('data-ward-code')];
            if (f) {
                fillRow(row, f);
                var link = row.querySelector('a');
                if (link) { link.setAttribute('href', profileUrl(row.getAttribute('data-ward-code'))); }
            }
        });
        var foot = table.querySelector('tfoot tr');
        if (foot) { fillRow(foot, state.figures.totals); }
        var outside = document.querySelector('[data-places-outside]');
        if (outside) {
            setCell(outside, 'outside', numberFormat.format(state.figures.outsideArea));
            setCell(outside, 'nolocation', numberFormat.format(state.figures.noLocation));
        }
        var csv = document.querySelector('[data-places-csv]');
        if (csv) { csv.setAttribute('href', '/api/places/ward-figures.csv?' + state.query); }
        var caption = table.querySelector('caption');
        var heading = document.querySelector('[data-places-heading]');
        var categorySelect = form ? form.querySelector('[name="Category"]') : null;
        if (categorySelect && caption && heading && state.figures.from) {
            var text = categorySelect.options[categorySelect.selectedIndex].text + ', ' + monthRange(state.figures.from, state.figures.to);
            heading.textContent = text;
            caption.textContent = 'Figures by ward: ' + text;
        }
    }

    // Leaflet inserts a string tooltip as HTML (BAD-46: text is rendered as text): every tooltip gets an element whose
    // text is the ward name, so a name with markup in a boundary file shows as written and runs nothing.
    function textElement(text) {
        var span = document.createElement('span');
        span.textContent = text;
        return span;
    }

    // "2021-10" → "October 2021", as the server writes the heading (WardMapPeriods.DisplayRange).
    var monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    function monthText(iso) {
        var parts = /^(\d{4})-(\d{2})$/.exec(iso || '');
        return parts ? monthNames[parseInt(parts[2], 10) - 1] + ' ' + parts[1] : String(iso);
    }
    function monthRange(from, to) {
        return from === to ? monthText(from) : monthText(from) + ' to ' + monthText(to);
    }

    function profileUrl(code) {
        var period = state.figures && state.figures.from ? '?from=' + state.figures.from + '&to=' + state.figures.to : '';
        return container.getAttribute('data-profile-url') + encodeURIComponent(code) + period;
    }

    function loadFigures() {
        var url = container.getAttribute('data-figures-url') + (state.query ? '?' + state.query : '');
        container.setAttribute('aria-busy', 'true');
        return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
            .then(function (r) {
                if (!r.ok) { throw new Error('figures ' + r.status); }
                return r.json();
            })
            .then(function (figures) {
                state.figures = figures;
                state.byCode = {};
                figures.wards.forEach(function (w) { state.byCode[w.code] = w; });
                recolour();
                refreshTable();
            })
            .finally(function () { container.removeAttribute('aria-busy'); });
    }

    function loadLayer() {
        return fetch(container.getAttribute('data-geojson-url'), { credentials: 'same-origin' })
            .then(function (r) {
                if (!r.ok) { throw new Error('wards ' + r.status); }
                return r.json();
            })
            .then(function (geojson) {
                layer = L.geoJSON(geojson, {
                    // Only wards with figures (the local authority filter narrows them) are drawn.
                    filter: function (feature) { return !state.figures || !!state.byCode[feature.properties.code]; },
                    onEachFeature: function (feature, l) {
                        l.bindTooltip(textElement(feature.properties.name), { sticky: true });
                        l.on('click', function () { window.location.href = profileUrl(feature.properties.code); });
                    }
                });
                layer.addTo(map);
                var bounds = layer.getBounds();
                if (bounds.isValid()) { map.fitBounds(bounds, { padding: [8, 8] }); } else { map.setView([52.5, -1.5], 6); }
                // Names each polygon by its ward so tests and assistive tooling can find it. Only now do
                // the SVG paths exist: Leaflet defers drawing layers until the map has a view.
                layer.eachLayer(function (l) {
                    var el = l.getElement();
                    if (el) { el.setAttribute('data-ward-code', l.feature.properties.code); }
                });
            });
    }

    function formQuery() {
        var params = new URLSearchParams();
        ['From', 'To', 'Category', 'Force', 'La'].forEach(function (name) {
            var field = form.querySelector('[name="' + name + '"]');
            if (field && field.value) { params.set(name.toLowerCase(), field.value); }
        });
        return params.toString();
    }

    if (form) {
        form.addEventListener('change', function (e) {
            var name = e.target.getAttribute('name');
            if (name === 'La') {
                // A different local authority changes which wards exist: let the server redraw table and map.
                form.submit();
                return;
            }
            var pageParams = new URLSearchParams(new FormData(form));
            history.replaceState(null, '', '/places/map?' + pageParams.toString());
            if (name === 'Measure') {
                state.measure = e.target.value;
                container.setAttribute('data-measure', state.measure);
                recolour();
                return;
            }
            state.query = formQuery();
            loadFigures().catch(function () { form.submit(); });
        });
    }

    loadFigures().then(loadLayer).then(recolour).catch(function () {
        container.textContent = 'The map could not be loaded. The table below has the same figures.';
    });
}());
