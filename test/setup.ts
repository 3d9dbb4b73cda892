// A fresh in-memory IndexedDB for the model in Node.
import 'fake-indexeddb/auto';
