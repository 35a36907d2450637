INSERT DATA { <a:s> <a:p> "/" } ;
LOADSILENT <http://127.0.0.1:0/> #'''