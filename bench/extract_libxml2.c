/* The extraction benchmark's C peer: libxml2 itself, with the options Ombud uses, on the same
 * pages and the same XPaths (bench/extract_peers.py --manifest writes them: file, post blocks,
 * body, then the id, author and time XPaths relative to a block). One core, the same rounds.
 * usage: extract_libxml2 MANIFEST ROUNDS */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXPAGES 256
#define MAXFIELDS 8

typedef struct { char *data; size_t size; char *fields[MAXFIELDS]; int count; } Page;

static char *slurp(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    fseek(file, 0, SEEK_END); *size = (size_t)ftell(file); rewind(file);
    char *data = malloc(*size);
    if (fread(data, 1, *size, file) != *size) { perror(path); exit(1); }
    fclose(file);
    return data;
}

static void read_page(const Page *page) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOBLANKS
                | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    htmlDocPtr document = htmlReadMemory(page->data, (int)page->size, NULL, "UTF-8", options);
    if (!document) return;
    xmlXPathContextPtr context = xmlXPathNewContext(document);
    xmlXPathObjectPtr blocks = xmlXPathEvalExpression((const xmlChar *)page->fields[1], context);
    if (blocks && blocks->nodesetval) {
        for (int i = 0; i < blocks->nodesetval->nodeNr; i++) {
            context->node = blocks->nodesetval->nodeTab[i];
            for (int f = 3; f < page->count; f++) {
                xmlXPathObjectPtr value = xmlXPathEvalExpression((const xmlChar *)page->fields[f], context);
                if (value && value->nodesetval && value->nodesetval->nodeNr > 0) xmlFree(xmlNodeGetContent(value->nodesetval->nodeTab[0]));
                xmlXPathFreeObject(value);
            }
            xmlXPathObjectPtr body = xmlXPathEvalExpression((const xmlChar *)page->fields[2], context);
            if (body && body->nodesetval && body->nodesetval->nodeNr > 0) xmlFree(xmlNodeGetContent(body->nodesetval->nodeTab[0]));
            xmlXPathFreeObject(body);
        }
    }
    xmlXPathFreeObject(blocks);
    xmlXPathFreeContext(context);
    xmlFreeDoc(document);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s MANIFEST ROUNDS\n", argv[0]); return 2; }
    size_t manifestSize;
    char *manifest = slurp(argv[1], &manifestSize);
    manifest = realloc(manifest, manifestSize + 1); manifest[manifestSize] = 0;
    Page pages[MAXPAGES]; int count = 0; size_t total = 0;
    for (char *line = strtok(manifest, "\n"); line && count < MAXPAGES; line = strtok(NULL, "\n")) {
        Page *page = &pages[count]; page->count = 0;
        for (char *field = line, *tab; field && page->count < MAXFIELDS; field = tab ? tab + 1 : NULL) {
            tab = strchr(field, '\t'); if (tab) *tab = 0;
            page->fields[page->count++] = field;
        }
        page->data = slurp(page->fields[0], &page->size); total += page->size; count++;
    }
    xmlInitParser();
    int rounds = atoi(argv[2]);
    for (int p = 0; p < count; p++) read_page(&pages[p]);
    struct timespec start, end; clock_gettime(CLOCK_MONOTONIC, &start);
    for (int r = 0; r < rounds; r++) for (int p = 0; p < count; p++) read_page(&pages[p]);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("C libxml2: %d pages (%.1f MB) x %d rounds in %.2f s: %.1f MB/s\n", count, total / 1048576.0, rounds, seconds,
           total * (double)rounds / 1048576.0 / seconds);
    return 0;
}
