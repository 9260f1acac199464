package org.distrocompat.api.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletRequestContext;

/**
 * The file of a {@code POST /api/check}, as a stream straight off the connection: the request body itself
 * (any content type but multipart; the name from {@code ?filename=} or a {@code Content-Disposition} header), or
 * the first file part of a {@code multipart/form-data} body, parsed as a stream (commons-fileupload's streaming
 * API: no part is buffered in memory or written to disk). Either way the bytes are counted against the upload
 * limit as they are read.
 */
final class Upload {
    private static final Pattern DISPOSITION_NAME = Pattern.compile("filename\\*?=(?:UTF-8'')?\"?([^\";]+)\"?",
            Pattern.CASE_INSENSITIVE);

    private final String name;
    private final InputStream stream;
    private final UploadLimit counter;

    private Upload(String name, InputStream stream, UploadLimit counter) {
        this.name = name;
        this.stream = stream;
        this.counter = counter;
    }

    static Upload open(Context ctx, long maxBytes) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new HttpProblem(413, ApiError.PAYLOAD_TOO_LARGE, new UploadLimit.TooLarge(maxBytes).getMessage());
        }
        if (declared == 0) {
            throw HttpProblem.badRequest("empty body: send the file as the request body, or as a multipart/form-data "
                    + "file field");
        }
        String query = Params.text(ctx, "filename");
        if (JakartaServletFileUpload.isMultipartContent(ctx.req())) {
            return multipart(ctx, maxBytes, query);
        }
        UploadLimit counter = new UploadLimit(ctx.req().getInputStream(), maxBytes);
        String name = query != null ? query : dispositionName(ctx.header("Content-Disposition"));
        return new Upload(baseName(name), counter, counter);
    }

    private static Upload multipart(Context ctx, long maxBytes, String query) throws IOException {
        UploadLimit[] counter = new UploadLimit[1];
        JakartaServletRequestContext request = new JakartaServletRequestContext(ctx.req()) {
            @Override
            public InputStream getInputStream() throws IOException {
                counter[0] = new UploadLimit(super.getInputStream(), maxBytes);
                return counter[0];
            }
        };
        try {
            FileItemInputIterator items = new JakartaServletFileUpload<>().getItemIterator(request);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (!item.isFormField()) {
                    String name = query != null ? query : item.getName();
                    return new Upload(baseName(name), item.getInputStream(), counter[0]);
                }
            }
        } catch (FileUploadException e) {
            if (e.getCause() instanceof UploadLimit.TooLarge tooLarge) {
                throw tooLarge;
            }
            throw HttpProblem.badRequest("unreadable multipart body: " + e.getMessage());
        }
        throw HttpProblem.badRequest("the multipart body has no file part");
    }

    /** The file's name (no directories): the wheel's name gives the tags it claims. */
    String name() {
        return name;
    }

    InputStream stream() {
        return stream;
    }

    /** Bytes of the request body read so far. */
    long bytesRead() {
        return counter == null ? 0 : counter.count();
    }

    static String dispositionName(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = DISPOSITION_NAME.matcher(header);
        return m.find() ? m.group(1) : null;
    }

    private static String baseName(String name) {
        if (name == null || name.isBlank()) {
            return "upload";
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        return n.isBlank() ? "upload" : n;
    }
}
