-- etl.finding without its FOREIGN KEY, as staging and the facts (see 001): its check ran
-- once per finding (about fifty a document), a third of their COPY. The loader is their
-- only writer: it inserts a document's findings in the transaction that inserts the
-- document, and deletes them itself where a forced reload deletes the document.

ALTER TABLE etl.finding DROP CONSTRAINT finding_document_id_fkey;
