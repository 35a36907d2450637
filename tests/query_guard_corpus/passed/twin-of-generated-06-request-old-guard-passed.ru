INSERT DATA { <a:s> <a:p> "/" } ;
CLEAR SILENT GRAPH <a:g> #'''