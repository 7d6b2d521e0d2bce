DELETE FROM east_west_pairs;
DELETE FROM counties;
DELETE FROM provinces;
