-- konkordat's databases carry their own mark in the file's header,
-- PRAGMA application_id = 0x4B4F4E4B ("KONK"), so that konkordat knows one
-- before it changes anything in it and refuses another program's SQLite
-- file unchanged. Databases made before this migration have 0 there and
-- are recognised by their tables.
PRAGMA application_id = 1263488587;
