/* Xiangmu: a small offline stand-in for bootstrap-table, written for the GX Data Docs.
 *
 * GX 1.x pages build every table with $(table).bootstrapTable({columns, data, ...})
 * and load bootstrap-table from a CDN: offline the tables stay empty. This renders
 * the same options locally: header, rows (cells are GX's HTML), the initial sort
 * (sortName/sortOrder, honouring a column's own sortName), row attributes and the
 * click-row.bs.table event the index uses for its links, and a search box.
 * Methods called by name (resetSearch, clearFilterControl) clear the search.
 */
(function ($) {
  "use strict";

  function lookup(value) {
    return typeof value === "string" ? window[value] : value;
  }

  function sortRows(rows, options) {
    if (!options.sortName) return rows;
    var column = (options.columns || []).filter(function (c) { return c.field === options.sortName; })[0];
    var key = (column && column.sortName) || options.sortName;
    var sign = options.sortOrder === "desc" ? -1 : 1;
    return rows.slice().sort(function (a, b) {
      var x = a[key], y = b[key];
      if (x === y) return 0;
      return (x > y ? 1 : -1) * sign;
    });
  }

  function render($table, options) {
    var columns = options.columns || [];
    var rowAttributes = lookup(options.rowAttributes);
    $table.empty().addClass("table table-sm table-hover bootstrap-table-lite");
    var $head = $("<tr>").appendTo($("<thead>").appendTo($table));
    columns.forEach(function (c) {
      $("<th>").html(c.title || c.field).css("text-align", c.align || "").appendTo($head);
    });
    var $body = $("<tbody>").appendTo($table);
    sortRows(options.data || [], options).forEach(function (row, index) {
      var $tr = $("<tr>").appendTo($body);
      if (typeof rowAttributes === "function") {
        var attributes = rowAttributes(row, index) || {};
        Object.keys(attributes).forEach(function (name) { $tr.attr(name, attributes[name]); });
        if (attributes["data-href"]) $tr.css("cursor", "pointer");
      }
      columns.forEach(function (c) {
        var value = row[c.field];
        $("<td>").html(value === undefined || value === null ? "" : String(value))
          .css("text-align", c.align || "").appendTo($tr);
      });
      $tr.on("click", function () { $table.trigger("click-row.bs.table", [row, $tr]); });
    });
    if (String(options.search) === "true") {
      var $search = $('<input type="search" class="form-control form-control-sm mb-2" placeholder="Search">');
      $search.on("input", function () {
        var needle = $search.val().toLowerCase();
        $body.children("tr").each(function () {
          $(this).toggle($(this).text().toLowerCase().indexOf(needle) !== -1);
        });
      });
      $table.data("lite-search", $search);
      var $toolbar = options.toolbar ? $(options.toolbar) : $();
      if ($toolbar.length) $toolbar.append($search); else $table.before($search);
    }
  }

  $.fn.bootstrapTable = function (options) {
    if (typeof options === "string") {  // resetSearch, clearFilterControl, ...
      return this.each(function () {
        var $search = $(this).data("lite-search");
        if ($search) $search.val("").trigger("input");
      });
    }
    return this.each(function () { render($(this), options || {}); });
  };
})(jQuery);
