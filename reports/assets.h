/*
 * assets.h - the report files compiled into the binary.
 *
 * The Makefile embeds reports/html.xsl, report.css, report.js and
 * gpos-srg.tsv (REPORT_FILES) into build/gen/report_assets.c (generated;
 * do not edit) with `sc-contentc --embed-table`, so the binary needs no
 * file at run time.  `make install` also installs them under
 * share/stigcheck/ for use with xsltproc.  Look one up with
 * sc_asset_find(sc_report_assets, "html.xsl").
 */
#ifndef SC_REPORT_ASSETS_H
#define SC_REPORT_ASSETS_H

#include "util/asset.h"

extern const struct sc_asset sc_report_assets[];

#endif
