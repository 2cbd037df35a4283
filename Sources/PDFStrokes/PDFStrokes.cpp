#include "PDFStrokes.h"

#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Stream.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace {

// A stroke or fill is ink, as a rendering would show it, when it is dark: the three
// components add up to less than two thirds of white.
bool isDark(const GfxRGB &rgb) { return colToDbl(rgb.r) + colToDbl(rgb.g) + colToDbl(rgb.b) < 2.0; }

// Collects the segments; draws nothing, and skips text and images.
class StrokeCollector : public OutputDev {
public:
    std::vector<PDFStrokeSegment> segments;

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return false; }
    bool interpretType3Chars() override { return false; }
    bool needCharCount() override { return false; }

    void stroke(GfxState *state) override {
        GfxRGB rgb;
        state->getStrokeRGB(&rgb);
        if (!isDark(rgb)) return;
        const double width = std::max(state->getTransformedLineWidth(), 0.0);
        const GfxPath *path = state->getPath();
        for (int s = 0; s < path->getNumSubpaths(); ++s) {
            const GfxSubpath *subpath = path->getSubpath(s);
            const int n = subpath->getNumPoints();
            for (int i = 1; i < n; ++i) {
                if (subpath->getCurve(i)) continue;
                addLine(state, subpath->getX(i - 1), subpath->getY(i - 1), subpath->getX(i), subpath->getY(i), width);
            }
            if (subpath->isClosed() && n > 1) {
                addLine(state, subpath->getX(n - 1), subpath->getY(n - 1), subpath->getX(0), subpath->getY(0), width);
            }
        }
    }

    void fill(GfxState *state) override { fillPath(state); }
    void eoFill(GfxState *state) override { fillPath(state); }

private:
    void addLine(GfxState *state, double x0, double y0, double x1, double y1, double width) {
        double dx0, dy0, dx1, dy1;
        state->transform(x0, y0, &dx0, &dy0);
        state->transform(x1, y1, &dx1, &dy1);
        if (std::fabs(dy0 - dy1) < 0.5) {
            segments.push_back({0, (dy0 + dy1) / 2, std::min(dx0, dx1), std::max(dx0, dx1), width});
        } else if (std::fabs(dx0 - dx1) < 0.5) {
            segments.push_back({1, (dx0 + dx1) / 2, std::min(dy0, dy1), std::max(dy0, dy1), width});
        }
    }

    // A filled rectangle (a border drawn as a thin box, or a shaded cell): the extent of
    // each subpath whose points all lie on its bounding box.
    void fillPath(GfxState *state) {
        GfxRGB rgb;
        state->getFillRGB(&rgb);
        if (!isDark(rgb)) return;
        const GfxPath *path = state->getPath();
        for (int s = 0; s < path->getNumSubpaths(); ++s) {
            const GfxSubpath *subpath = path->getSubpath(s);
            const int n = subpath->getNumPoints();
            if (n < 4) continue;
            std::vector<double> xs(n), ys(n);
            for (int i = 0; i < n; ++i) {
                if (subpath->getCurve(i)) return;
                state->transform(subpath->getX(i), subpath->getY(i), &xs[i], &ys[i]);
            }
            const double left = *std::min_element(xs.begin(), xs.end());
            const double right = *std::max_element(xs.begin(), xs.end());
            const double top = *std::min_element(ys.begin(), ys.end());
            const double bottom = *std::max_element(ys.begin(), ys.end());
            bool rectangle = true;
            for (int i = 0; i < n && rectangle; ++i) {
                const bool onX = std::fabs(xs[i] - left) < 0.5 || std::fabs(xs[i] - right) < 0.5;
                const bool onY = std::fabs(ys[i] - top) < 0.5 || std::fabs(ys[i] - bottom) < 0.5;
                rectangle = onX && onY;
            }
            if (!rectangle) continue;
            if (right - left >= bottom - top) {
                segments.push_back({0, (top + bottom) / 2, left, right, bottom - top});
            } else {
                segments.push_back({1, (left + right) / 2, top, bottom, right - left});
            }
        }
    }
};

std::once_flag parameters;

} // namespace

struct PDFStrokesDocument {
    std::vector<char> bytes;
    std::unique_ptr<PDFDoc> document;
};

extern "C" PDFStrokesDocument *pdf_strokes_open(const unsigned char *bytes, size_t length) {
    std::call_once(parameters, [] {
        if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    });
    auto *result = new PDFStrokesDocument;
    result->bytes.assign(reinterpret_cast<const char *>(bytes), reinterpret_cast<const char *>(bytes) + length);
    auto *stream = new MemStream(result->bytes.data(), 0, static_cast<Goffset>(length), Object(objNull));
    result->document = std::make_unique<PDFDoc>(stream);
    if (!result->document->isOk()) {
        delete result;
        return nullptr;
    }
    return result;
}

extern "C" void pdf_strokes_close(PDFStrokesDocument *document) { delete document; }

extern "C" size_t pdf_strokes_page(PDFStrokesDocument *document, int number, PDFStrokeSegment **segments) {
    *segments = nullptr;
    if (!document || number < 1 || number > document->document->getNumPages()) return 0;
    StrokeCollector collector;
    document->document->displayPage(&collector, number, 72, 72, 0, false, true, false);
    const size_t count = collector.segments.size();
    if (count == 0) return 0;
    *segments = static_cast<PDFStrokeSegment *>(std::malloc(count * sizeof(PDFStrokeSegment)));
    if (!*segments) return 0;
    std::memcpy(*segments, collector.segments.data(), count * sizeof(PDFStrokeSegment));
    return count;
}

extern "C" void pdf_strokes_free(PDFStrokeSegment *segments) { std::free(segments); }
