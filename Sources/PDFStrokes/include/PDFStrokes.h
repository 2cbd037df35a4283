#ifndef JUESUAN_PDF_STROKES_H
#define JUESUAN_PDF_STROKES_H
// The straight, dark strokes and thin fills a PDF page draws, read from its content stream
// through poppler's output-device interface: no page is rendered. Coordinates are points
// from the top left of the page as displayed (its /Rotate applied). A C interface over
// poppler's C++ classes, for PDFReader.
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct PDFStrokesDocument PDFStrokesDocument;

/// A horizontal (y fixed) or vertical (x fixed) segment, and how thick it is drawn.
typedef struct {
    int vertical;
    double position;
    double start;
    double end;
    double thickness;
} PDFStrokeSegment;

/// Opens a PDF from a copy of its bytes; NULL where poppler cannot read it.
PDFStrokesDocument *pdf_strokes_open(const unsigned char *bytes, size_t length);
void pdf_strokes_close(PDFStrokesDocument *document);
/// The segments of page `number` (from 1), in `*segments` (freed by `pdf_strokes_free`);
/// returns their count.
size_t pdf_strokes_page(PDFStrokesDocument *document, int number, PDFStrokeSegment **segments);
void pdf_strokes_free(PDFStrokeSegment *segments);

#ifdef __cplusplus
}
#endif
#endif
